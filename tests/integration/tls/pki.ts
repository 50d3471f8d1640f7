import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A server certificate made for a test: PEM files, their contents and the key's pin. */
export interface TestCert {
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
  /** `sha256//...` of the key, computed by the openssl command line (not by our code). */
  pin: string;
}

/** The certificates the TLS tests need, all made at test time by Debian's openssl. */
export interface TestPki {
  caFile: string;
  ca: string;
  /** For 127.0.0.1 and localhost, from the test CA. */
  good: TestCert;
  /** The same names, another key: the backup key of a rotation. */
  backup: TestCert;
  /** From the test CA, for orders.example.com only. */
  wrongHost: TestCert;
  /** From the test CA, expired yesterday. */
  expired: TestCert;
  /** For 127.0.0.1, from a CA nobody trusts. */
  unknownCa: TestCert;
}

const SERVER_NAMES = 'subjectAltName=IP:127.0.0.1,DNS:localhost';

async function openssl(dir: string, args: string[]): Promise<void> {
  await run('openssl', args, { cwd: dir });
}

async function makeCa(dir: string, name: string): Promise<void> {
  await openssl(dir, [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', `${name}.key`, '-out', `${name}.pem`, '-subj', `/CN=${name}`, '-days', '2',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign',
  ]); // prettier-ignore
}

async function makeLeaf(
  dir: string,
  name: string,
  ca: string,
  names: string,
  days: number,
): Promise<TestCert> {
  await writeFile(
    join(dir, `${name}.ext`),
    `${names}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`,
  );
  await openssl(dir, [
    'req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
    '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`,
  ]); // prettier-ignore
  // -days -1 gives a certificate whose end lies a day before its start: expired.
  await openssl(dir, [
    'x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`,
    '-CAcreateserial', '-days', String(days), '-extfile', `${name}.ext`, '-out', `${name}.pem`,
  ]); // prettier-ignore
  const { stdout } = await run(
    'sh',
    [
      '-c',
      `openssl x509 -in ${name}.pem -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`,
    ],
    { cwd: dir },
  );
  return {
    certFile: join(dir, `${name}.pem`),
    keyFile: join(dir, `${name}.key`),
    cert: await readFile(join(dir, `${name}.pem`), 'utf8'),
    key: await readFile(join(dir, `${name}.key`), 'utf8'),
    pin: `sha256//${stdout.trim()}`,
  };
}

/** Makes a test CA, a rogue CA and the server certificates in `dir`. */
export async function makeTestPki(dir: string): Promise<TestPki> {
  await makeCa(dir, 'test-ca');
  await makeCa(dir, 'rogue-ca');
  return {
    caFile: join(dir, 'test-ca.pem'),
    ca: await readFile(join(dir, 'test-ca.pem'), 'utf8'),
    good: await makeLeaf(dir, 'good', 'test-ca', SERVER_NAMES, 2),
    backup: await makeLeaf(dir, 'backup', 'test-ca', SERVER_NAMES, 2),
    wrongHost: await makeLeaf(
      dir,
      'wrong-host',
      'test-ca',
      'subjectAltName=DNS:orders.example.com',
      2,
    ),
    expired: await makeLeaf(dir, 'expired', 'test-ca', SERVER_NAMES, -1),
    unknownCa: await makeLeaf(dir, 'unknown-ca', 'rogue-ca', SERVER_NAMES, 2),
  };
}
