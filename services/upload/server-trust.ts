import { X509Certificate, createHash } from 'node:crypto';
import { Agent } from 'node:https';
import { checkServerIdentity, rootCertificates } from 'node:tls';
import type { PeerCertificate } from 'node:tls';
import { HostError } from '../../src/contract/host';

/**
 * What the client trusts on top of TLS's own checks (certificate chain to a trusted CA, host
 * name, validity dates), which are always made and cannot be switched off.
 */
export interface ServerTrust {
  /** `sha256//...` pins (src/lab/server-pins.ts): the server's key must match one of them. */
  pins?: readonly string[];
  /**
   * More CAs (PEM) trusted beside Node's own store, for a CA made by a test. A lab
   * configuration has no such field, so a release can't carry one; a provider with a
   * private CA gives it to Node through NODE_EXTRA_CA_CERTS.
   */
  extraCa?: readonly string[];
}

/** Why a server's certificate was refused, as the customer's message distinguishes it. */
export type UntrustedProblem = 'unknownCa' | 'expired' | 'wrongHost' | 'pinMismatch' | 'invalid';

/** The error code our pin check gives, beside OpenSSL's and Node's own. */
export const PIN_MISMATCH = 'ERR_PHOTODOSE_PIN_MISMATCH';

/**
 * The pin of a certificate's public key, in the lab configuration's notation: the SHA-256 of
 * its DER SubjectPublicKeyInfo, as curl and HPKP hash it. Not Node's `cert.pubkey`: for an EC
 * key that is the bare curve point, not the SubjectPublicKeyInfo.
 */
export function pinOf(cert: Pick<PeerCertificate, 'raw'>): string {
  const spki = new X509Certificate(cert.raw).publicKey.export({ type: 'spki', format: 'der' });
  return `sha256//${createHash('sha256').update(spki).digest('base64')}`;
}

/**
 * Host name first (Node's own check), then the pins. Node calls this during the handshake of
 * every new connection, before the 'secureConnect' that lets the request's first byte out; a
 * returned error destroys the socket. Only the leaf's key is pinned (as curl does): the other
 * certificates a server sends are not all part of the chain that was verified.
 */
function checkIdentity(pins: readonly string[]) {
  return (host: string, cert: PeerCertificate): Error | undefined => {
    const nameError = checkServerIdentity(host, cert);
    if (nameError || pins.length === 0) return nameError;
    const pin = pinOf(cert);
    if (pins.includes(pin)) return undefined;
    return Object.assign(
      new Error(`the key of ${host}'s certificate (${pin}) matches none of the lab's pins`),
      { code: PIN_MISMATCH },
    );
  };
}

const agents = new Map<string, Agent>();

/**
 * The https agent every request to a receiving server goes through (json API, lab API and tus
 * uploads), one per trust. `rejectUnauthorized` is set, not left to the default, because the
 * default is read from NODE_TLS_REJECT_UNAUTHORIZED: that variable cannot turn verification off
 * here. TLS sessions are not cached: Node skips `checkServerIdentity` on a resumed session, and
 * every connection, reused keep-alive ones included, must have passed the pin check once.
 */
export function httpsAgentFor(trust: ServerTrust = {}): Agent {
  const pins = [...new Set(trust.pins ?? [])].sort();
  const extraCa = trust.extraCa ?? [];
  const key = JSON.stringify([pins, extraCa]);
  let agent = agents.get(key);
  if (!agent) {
    agent = new Agent({
      keepAlive: true,
      rejectUnauthorized: true,
      maxCachedSessions: 0,
      minVersion: 'TLSv1.2',
      checkServerIdentity: checkIdentity(pins),
      ...(extraCa.length > 0 ? { ca: [...rootCertificates, ...extraCa] } : {}),
    });
    agents.set(key, agent);
  }
  return agent;
}

const problemOf: Record<string, UntrustedProblem> = {
  UNABLE_TO_GET_ISSUER_CERT: 'unknownCa',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknownCa',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknownCa',
  SELF_SIGNED_CERT_IN_CHAIN: 'unknownCa',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'unknownCa',
  CERT_UNTRUSTED: 'unknownCa',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'wrongHost',
  [PIN_MISMATCH]: 'pinMismatch',
};

/**
 * A refused certificate as the host error the customer sees ('server-untrusted', translated by
 * its `problem`) with the technical reason for the log; undefined for any other failure. Not
 * retried: the same server gives the same certificate again.
 */
export function untrustedServer(error: unknown, url?: string): HostError | undefined {
  const code = codeOf(error) ?? codeOf((error as { cause?: unknown } | null)?.cause);
  if (code === undefined) return undefined;
  const problem = problemOf[code] ?? (/CERT|ISSUER/.test(code) ? 'invalid' : undefined);
  if (problem === undefined) return undefined;
  const where = url === undefined ? 'the server' : safeOrigin(url);
  const detail = error instanceof Error ? error.message : String(error);
  return new HostError(
    'server-untrusted',
    `${where} is not trusted, nothing was sent: ${code}: ${detail}`,
    { problem },
  );
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the server';
  }
}
