import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { TlsOptions } from 'node:tls';

/** The receiver's own TLS: its certificate chain (leaf first) and private key, both PEM. */
export interface ReceiverTls {
  cert: string | Buffer;
  key: string | Buffer;
}

/**
 * Options of the https server. TLS 1.2 is the floor (1.0 and 1.1 are deprecated, RFC 8996);
 * Node's default ciphers and curves are kept.
 */
export function tlsServerOptions(tls: ReceiverTls): TlsOptions {
  return { cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' };
}

/**
 * Reads `--tls-cert` and `--tls-key` and checks them before the server starts: each must be
 * PEM of its kind, and the key must belong to the certificate, so a swapped or stale file is
 * a clear error at start rather than a handshake every client fails.
 */
export async function readReceiverTls(certFile: string, keyFile: string): Promise<ReceiverTls> {
  const cert = await readFile(certFile).catch((error: Error) => {
    throw new Error(`cannot read --tls-cert ${certFile}: ${error.message}`);
  });
  const key = await readFile(keyFile).catch((error: Error) => {
    throw new Error(`cannot read --tls-key ${keyFile}: ${error.message}`);
  });
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(cert);
  } catch (error) {
    throw new Error(
      `--tls-cert ${certFile} is not a PEM certificate: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch (error) {
    throw new Error(`--tls-key ${keyFile} is not a PEM private key: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (!leaf.checkPrivateKey(privateKey)) {
    throw new Error(
      `--tls-key ${keyFile} does not belong to the certificate in ${certFile} (${leaf.subject})`,
    );
  }
  if (Date.parse(leaf.validTo) < Date.now()) {
    throw new Error(`the certificate in ${certFile} expired on ${leaf.validTo}`);
  }
  return { cert, key };
}
