import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import type { ReceiverOptions } from './index';
import type { RecordsBackend } from './records/backend';
import { postgresRecords } from './records/postgres';
import { readReceiverTls } from './tls';

/**
 * A secret or setting given in the config file as `env:NAME` (read from the environment),
 * `file:PATH` (the file's content, trimmed; relative to the config file's folder) or, for
 * what is no secret, literally. Secrets belong in the environment or a file readable by the
 * receiver only, never in the config file itself.
 */
const Reference = z.string().min(1);

const Listen = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8787),
  })
  .strict();

const FilesRecords = z
  .object({
    kind: z.literal('files'),
    /** Default: the config's `dataDir`. */
    dataDir: z.string().min(1).optional(),
  })
  .strict();

const PostgresRecordsConfig = z
  .object({
    kind: z.literal('postgres'),
    /** postgresql://user:password@host:port/database; with a password, `env:NAME`. */
    url: Reference,
    poolSize: z.number().int().min(2).max(500).optional(),
  })
  .strict();

const FilesUploads = z.object({ kind: z.literal('files') }).strict();

const S3Uploads = z
  .object({
    kind: z.literal('s3'),
    bucket: z.string().min(3),
    endpoint: z.url().optional(),
    region: z.string().min(1),
    forcePathStyle: z.boolean().optional(),
    partBytes: z
      .number()
      .int()
      .min(5 * 1024 * 1024)
      .optional(),
    stallMs: z.number().int().min(1000).optional(),
    partSlots: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

const Limits = z
  .object({
    maxFileBytes: z.number().int().positive(),
    maxOrderBytes: z.number().int().positive(),
    diskReserveBytes: z.number().int().nonnegative(),
    ordersPerHour: z.number().int().positive(),
    orderBurst: z.number().int().positive(),
    requestTimeoutMs: z.number().int().positive(),
    headersTimeoutMs: z.number().int().positive(),
    idleTimeoutMs: z.number().int().positive(),
    abandonedAfterMs: z.number().int().positive(),
  })
  .strict()
  .partial();

/** The receiver's config file (`photodose receiver --config FILE`), JSON. */
export const ReceiverConfig = z
  .object({
    listen: Listen.default({ host: '127.0.0.1', port: 8787 }),
    /** The https URL clients reach the receivers at (the load balancer's). */
    publicUrl: z.string().optional(),
    /** A reverse proxy forwards every request: rate limits count its X-Forwarded-For entry. */
    trustProxy: z.boolean().optional(),
    /** This receiver's own folder: uploads kept as files, and secrets not given otherwise. */
    dataDir: z.string().min(1).default('./receiver-data'),
    records: z.discriminatedUnion('kind', [FilesRecords, PostgresRecordsConfig]).default({
      kind: 'files',
    }),
    /** Uploads' bytes; S3 credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. */
    uploads: z.discriminatedUnion('kind', [FilesUploads, S3Uploads]).default({ kind: 'files' }),
    /** The lab's token (`env:NAME` or `file:PATH`); default the data folder's lab-token file. */
    labToken: Reference.optional(),
    /** Key of the status lookup's HMAC, base64url of at least 32 bytes (`env:` or `file:`). */
    lookupSecret: Reference.optional(),
    tls: z
      .object({ cert: z.string().min(1), key: z.string().min(1) })
      .strict()
      .optional(),
    limits: Limits.optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.records.kind !== 'postgres') return;
    // Receivers sharing records must agree on both, or the lab and the customers' status
    // lookups would work through one receiver and fail through the others.
    for (const key of ['labToken', 'lookupSecret'] as const) {
      if (config[key] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `receivers sharing PostgreSQL must share the ${key}: give it as env:NAME or file:PATH`,
        });
      }
    }
  });
export type ReceiverConfig = z.infer<typeof ReceiverConfig>;

/** Reads and checks a config file; every problem is named with its place in the file. */
export async function readReceiverConfig(file: string): Promise<ReceiverConfig> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`config ${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = ReceiverConfig.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`,
    );
    throw new Error(`config ${file} is not valid:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/** Where {@link resolveReference} looks. */
export interface ReferenceContext {
  env: NodeJS.ProcessEnv;
  /** The config file's folder, for relative `file:` paths. */
  baseDir: string;
}

/** The value of an `env:NAME`, `file:PATH` or literal setting; `what` names it in errors. */
export async function resolveReference(
  reference: string,
  what: string,
  { env, baseDir }: ReferenceContext,
): Promise<string> {
  if (reference.startsWith('env:')) {
    const name = reference.slice('env:'.length);
    const value = env[name];
    if (!value) throw new Error(`${what}: the environment variable ${name} is not set`);
    return value;
  }
  if (reference.startsWith('file:')) {
    const path = reference.slice('file:'.length);
    const full = isAbsolute(path) ? path : join(baseDir, path);
    try {
      return (await readFile(full, 'utf8')).trim();
    } catch (err) {
      throw new Error(`${what}: can't read ${full}: ${(err as Error).message}`, { cause: err });
    }
  }
  return reference;
}

/** What {@link openReceiverConfig} made: options for createReceiver and what to close after. */
export interface OpenedConfig {
  options: Omit<ReceiverOptions, 'log'>;
  /** Closes the records backend made for the config (after the receiver has closed). */
  close(): Promise<void>;
}

/**
 * Turns a config into createReceiver's options: reads the secrets it refers to, opens the
 * PostgreSQL records (migrating the schema) when it names them. Relative paths are taken from
 * the config file's folder.
 */
export async function openReceiverConfig(
  config: ReceiverConfig,
  opts: { configFile: string; env: NodeJS.ProcessEnv; log: (line: string) => void },
): Promise<OpenedConfig> {
  const baseDir = dirname(resolve(opts.configFile));
  const context = { env: opts.env, baseDir };
  const path = (p: string) => resolve(baseDir, p);
  const dataDir = path(
    config.records.kind === 'files' ? (config.records.dataDir ?? config.dataDir) : config.dataDir,
  );
  const labToken =
    config.labToken === undefined
      ? undefined
      : await resolveReference(config.labToken, 'labToken', context);
  const lookupSecret =
    config.lookupSecret === undefined
      ? undefined
      : lookupSecretOf(await resolveReference(config.lookupSecret, 'lookupSecret', context));
  const { maxFileBytes, ...limits } = config.limits ?? {};
  const tls = config.tls
    ? await readReceiverTls(path(config.tls.cert), path(config.tls.key))
    : undefined;
  let records: RecordsBackend | undefined;
  if (config.records.kind === 'postgres') {
    records = await postgresRecords({
      url: await resolveReference(config.records.url, 'records.url', context),
      // Checked by the schema: a postgres config has a lookup secret.
      keySecret: lookupSecret!,
      poolSize: config.records.poolSize,
      log: opts.log,
    });
  }
  const { uploads } = config;
  return {
    options: {
      dataDir,
      host: config.listen.host,
      port: config.listen.port,
      publicUrl: config.publicUrl,
      trustProxy: config.trustProxy,
      labToken,
      lookupSecret,
      records,
      uploadStorage:
        uploads.kind === 's3' ? { ...uploads, credentials: s3Credentials(opts.env) } : undefined,
      tls,
      limits,
      maxFileBytes,
    },
    close: async () => {
      await records?.close();
    },
  };
}

/** The lookup secret from its base64url text: at least 32 bytes. */
function lookupSecretOf(text: string): Buffer {
  const secret = Buffer.from(text, 'base64url');
  if (secret.length < 32) {
    throw new Error(
      'lookupSecret: must be base64url of at least 32 bytes (e.g. openssl rand -base64 32)',
    );
  }
  return secret;
}

/** S3 keys from the environment; without them the AWS SDK's own chain (roles, profiles). */
function s3Credentials(
  env: NodeJS.ProcessEnv,
): { accessKeyId: string; secretAccessKey: string } | undefined {
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
}
