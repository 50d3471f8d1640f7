import { startCephS3, type CephS3 } from './ceph-s3';
import { startPostgres, type TestPostgres } from './postgres';
import {
  startReceiverCluster,
  type ClusterOptions,
  type ReceiverCluster,
} from './receiver-cluster';

/**
 * The scaled receiver's engines for one test file (or the bench): a real PostgreSQL and a real
 * Ceph radosgw, each on free ports in a temporary folder, and clusters of receiver processes
 * on them.
 */
export interface Engines {
  postgres: TestPostgres;
  ceph: CephS3;
  stop(): Promise<void>;
}

/**
 * Starts both at once (Ceph takes about 12 s); stops what started if the other fails.
 * `memstoreBytes`: room for uploads in Ceph's memory (default ceph-s3.ts' 2 GiB).
 */
export async function startEngines(opts: { memstoreBytes?: number } = {}): Promise<Engines> {
  const [postgres, ceph] = await Promise.allSettled([startPostgres(), startCephS3(opts)]);
  if (postgres.status === 'rejected' || ceph.status === 'rejected') {
    if (postgres.status === 'fulfilled') await postgres.value.stop();
    if (ceph.status === 'fulfilled') await ceph.value.stop();
    throw postgres.status === 'rejected' ? postgres.reason : (ceph as PromiseRejectedResult).reason;
  }
  return {
    postgres: postgres.value,
    ceph: ceph.value,
    stop: async () => {
      await Promise.all([postgres.value.stop(), ceph.value.stop()]);
    },
  };
}

export interface ScaledCluster extends ReceiverCluster {
  /** The cluster's own database. */
  databaseUrl: string;
  /** The cluster's own bucket. */
  bucket: string;
}

/** The lookup secret every receiver of a test cluster shares (base64url of 36 bytes). */
const LOOKUP_SECRET = 'c2NhbGVkLXRlc3QtbG9va3VwLXNlY3JldC0zMi1ieXRlcy1sb25n';

/**
 * `count` receiver processes sharing a fresh database and a fresh bucket, behind the round-robin
 * proxy, each started with `photodose receiver --config FILE`; secrets through the environment.
 */
export async function startScaledCluster(
  engines: Engines,
  opts: Omit<ClusterOptions, 'config' | 'env'> & {
    env?: NodeJS.ProcessEnv;
    /** Changes to the uploads' config: another endpoint (a proxy in front of radosgw), say. */
    uploads?: Record<string, unknown>;
  },
): Promise<ScaledCluster> {
  const databaseUrl = await engines.postgres.newDatabase();
  const storage = await engines.ceph.newBucket();
  const cluster = await startReceiverCluster({
    ...opts,
    config: () => ({
      records: { kind: 'postgres', url: 'env:PHOTODOSE_DATABASE_URL' },
      uploads: {
        kind: 's3',
        bucket: storage.bucket,
        endpoint: storage.endpoint,
        region: storage.region,
        forcePathStyle: true,
        ...opts.uploads,
      },
      labToken: 'env:PHOTODOSE_LAB_TOKEN',
      lookupSecret: 'env:PHOTODOSE_LOOKUP_SECRET',
    }),
    env: {
      ...opts.env,
      PHOTODOSE_DATABASE_URL: databaseUrl,
      PHOTODOSE_LOOKUP_SECRET: LOOKUP_SECRET,
      AWS_ACCESS_KEY_ID: storage.credentials!.accessKeyId,
      AWS_SECRET_ACCESS_KEY: storage.credentials!.secretAccessKey,
    },
  });
  return { ...cluster, databaseUrl, bucket: storage.bucket };
}
