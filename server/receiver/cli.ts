import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createReceiver } from './index';
import type { Receiver } from './index';
import { openReceiverConfig, readReceiverConfig } from './config';
import { readReceiverTls } from './tls';
import { LIMITS_USAGE, LIMIT_FLAGS, limitsFromFlags } from './limit-flags';

const USAGE = `Usage: photodose receiver [options]

Runs the receiving server: customers' clients upload encrypted orders, the lab pulls them.

Options:
  --config FILE     take everything from a JSON config file instead of the options below:
                    several receivers sharing PostgreSQL and an S3 store, or the embedded
                    setup; secrets in it as env:NAME or file:PATH (see the README)
  --port N          port to listen on (default 8787; 0 picks a free one)
  --host HOST       address to bind (default 127.0.0.1; serve TLS before exposing it)
  --tls-cert FILE   serve https with this certificate chain (PEM, leaf first), and
  --tls-key FILE    its private key (PEM); both or neither. Without them the server
                    speaks plain http, for a TLS terminator in front of it. SIGHUP reads
                    both files again (a renewed certificate) without a restart
  --data DIR        where uploads, order records and the lab token live (default ./receiver-data)
  --lab-token TOKEN the lab's token (default: DIR/lab-token, created on first start;
                    prefer the file: a token on the command line shows up in process lists)
  --public-url URL  the https URL clients reach this server at, when a TLS terminator or
                    proxy sits in front (default: the bound address); upload URLs use it
  --trust-proxy     a reverse proxy forwards every request: rate limits count the client
                    address it puts last in X-Forwarded-For (off: the header is ignored)
  --help            show this text

Environment:
  PHOTODOSE_DATABASE_URL, PHOTODOSE_LAB_TOKEN, PHOTODOSE_LOOKUP_SECRET, AWS_ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY   the usual names for what a config file takes from the environment
  PHOTODOSE_METRICS_TOKEN  bearer token for GET /metrics (Prometheus text; at least 16
                    characters); without it /metrics is off. /healthz and /readyz need none

${LIMITS_USAGE}`;

/**
 * `photodose receiver`: parses `argv` (the arguments after the command name), starts the
 * server and resolves once it has stopped after SIGINT or SIGTERM.
 */
export async function runReceiverCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string' },
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: './receiver-data' },
      'lab-token': { type: 'string' },
      'public-url': { type: 'string' },
      'trust-proxy': { type: 'boolean', default: false },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      ...LIMIT_FLAGS,
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (values.config !== undefined) {
    const other = argv.find((arg) => arg.startsWith('--') && !/^--config(=|$)/.test(arg));
    if (other !== undefined) {
      throw new Error(`--config takes everything from the file: leave out ${other.split('=')[0]}`);
    }
    return runFromConfig(values.config);
  }
  const port = Number(values.port);
  if (!/^\d{1,5}$/.test(values.port) || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  }
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new Error('--tls-cert and --tls-key go together: give both, or neither');
  }
  const tls = certFile && keyFile ? await readReceiverTls(certFile, keyFile) : undefined;
  const dataDir = resolve(values.data);
  const receiver = await createReceiver({
    ...limitsFromFlags(values),
    trustProxy: values['trust-proxy'],
    dataDir,
    host: values.host,
    port,
    labToken: values['lab-token'],
    publicUrl: values['public-url'],
    tls,
    metricsToken: process.env['PHOTODOSE_METRICS_TOKEN'] || undefined,
    log: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
  });
  const tokenPlace = values['lab-token']
    ? 'given with --lab-token'
    : `in ${join(dataDir, 'lab-token')}`;
  process.stdout.write(
    `Receiver running at ${receiver.url}\nClients upload to ${receiver.uploadUrl}\n` +
      `Lab token: ${tokenPlace}\n`,
  );

  await untilStopped(receiver, tls && { certFile: certFile!, keyFile: keyFile! });
}

/** `photodose receiver --config FILE`. */
async function runFromConfig(file: string): Promise<void> {
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const config = await readReceiverConfig(file);
  const opened = await openReceiverConfig(config, { configFile: file, env: process.env, log });
  let receiver: Receiver;
  try {
    receiver = await createReceiver({
      ...opened.options,
      metricsToken: process.env['PHOTODOSE_METRICS_TOKEN'] || undefined,
      log,
    });
  } catch (err) {
    await opened.close();
    throw err;
  }
  process.stdout.write(
    `Receiver running at ${receiver.url}\nClients upload to ${receiver.uploadUrl}\n` +
      `Records: ${config.records.kind}, uploads: ${config.uploads.kind}\n`,
  );
  const tls = config.tls && {
    certFile: resolve(dirname(resolve(file)), config.tls.cert),
    keyFile: resolve(dirname(resolve(file)), config.tls.key),
  };
  await untilStopped(receiver, tls);
  await opened.close();
}

/** Resolves once SIGINT or SIGTERM has stopped the receiver; SIGHUP renews TLS (with TLS). */
async function untilStopped(
  receiver: Receiver,
  tls: { certFile: string; keyFile: string } | undefined,
): Promise<void> {
  await new Promise<void>((done) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.off('SIGHUP', renew);
      process.stdout.write(`${signal}: stopping the receiver\n`);
      receiver.close().then(done, done);
    };
    // A renewed certificate (certbot and the like) is read again on SIGHUP, uploads go on.
    const renew = () => {
      if (!tls) return;
      readReceiverTls(tls.certFile, tls.keyFile).then(
        (renewed) => {
          receiver.renewTls(renewed);
          process.stdout.write(`SIGHUP: serving the certificate in ${tls.certFile} again\n`);
        },
        (error: unknown) =>
          process.stdout.write(
            `SIGHUP: kept the current certificate: ${error instanceof Error ? error.message : String(error)}\n`,
          ),
      );
    };
    // Only with TLS: a plain receiver keeps SIGHUP's usual meaning (the terminal hung up).
    if (tls) process.on('SIGHUP', renew);
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
