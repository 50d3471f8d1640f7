import type { MessageKey } from '../i18n/translate';
import { firstIssue } from '../validation';
import { LabConfig } from './lab-config';

/**
 * Where a lab configuration is about to take orders. A release (the
 * installer and the packaged app) sends real customers' orders; development
 * is a developer's machine, where the demonstration lab may run.
 */
export type LabUse = 'release' | 'development';

/** Why a lab configuration may not take orders: each reason has its own message. */
export type LabRefusal =
  | { code: 'unreadable'; file: string; detail: string }
  | { code: 'invalid'; detail: string }
  | { code: 'no-recipient' }
  | { code: 'embedded' }
  | { code: 'insecure-server'; serverUrl: string };

export type LabCheck = { ok: true; config: LabConfig } | { ok: false; refusal: LabRefusal };

/**
 * Where the release check puts the lab configuration it accepted, relative to
 * the app folder: inside the build output, so it ships in the asar, whose
 * integrity Electron checks (fuse `enableEmbeddedAsarIntegrityValidation`).
 */
export const RELEASE_LAB_FILE = 'out/release/lab.json';

/**
 * Decides whether a lab configuration may take orders. A release needs the
 * lab's own https server and an age recipient: the demonstration lab
 * (`embedded`) would keep customers' orders on their own machine under a key
 * made there. Plain http is for a receiver on 127.0.0.1 during development.
 */
export function checkLabConfig(raw: unknown, use: LabUse): LabCheck {
  // Checked before the schema, whose message for an absent field is only "expected string".
  if (isRecord(raw) && (raw.recipient === undefined || raw.recipient === '')) {
    return refuse({ code: 'no-recipient' });
  }
  const parsed = LabConfig.safeParse(raw);
  if (!parsed.success) {
    const { where, message } = firstIssue(parsed.error);
    return refuse({ code: 'invalid', detail: `lab configuration invalid at ${where}: ${message}` });
  }
  const config = parsed.data;
  if (config.serverUrl === 'embedded') {
    return use === 'development' ? { ok: true, config } : refuse({ code: 'embedded' });
  }
  if (!isAllowedServer(config.serverUrl, use)) {
    return refuse({ code: 'insecure-server', serverUrl: config.serverUrl });
  }
  return { ok: true, config };
}

// The schema has already checked that the URL parses as http(s); these read its start only.
const httpsUrl = /^https:\/\//i;
// Port and path may follow 127.0.0.1, nothing else ("http://127.0.0.1@lab.example" is lab.example).
const loopbackHttpUrl = /^http:\/\/127\.0\.0\.1(:\d+)?(\/|$)/i;

function isAllowedServer(serverUrl: string, use: LabUse): boolean {
  if (httpsUrl.test(serverUrl)) return true;
  return use === 'development' && loopbackHttpUrl.test(serverUrl);
}

/** The refusal in English, for the people who build and run the app: logs, the release check. */
export function describeLabRefusal(refusal: LabRefusal): string {
  switch (refusal.code) {
    case 'unreadable':
      return `cannot read lab configuration ${refusal.file}: ${refusal.detail}`;
    case 'invalid':
      return refusal.detail;
    case 'no-recipient':
      return 'lab configuration has no recipient: name the lab\'s age public key (age1..., from "photodose lab keygen")';
    case 'embedded':
      return 'lab configuration names the demonstration lab (serverUrl "embedded"): a release needs the lab\'s https server, and the demonstration lab runs only in development';
    case 'insecure-server':
      return `lab server ${refusal.serverUrl} is not https: orders travel over TLS only (plain http is allowed for 127.0.0.1 in development)`;
  }
}

/** The message a customer reads when the app refuses to start (src/i18n). */
export function labRefusalMessage(refusal: LabRefusal): {
  key: MessageKey;
  params: Record<string, string>;
} {
  switch (refusal.code) {
    case 'unreadable':
    case 'invalid':
    case 'no-recipient':
      return { key: 'startup.labBroken', params: {} };
    case 'embedded':
      return { key: 'startup.labDemonstration', params: {} };
    case 'insecure-server':
      return { key: 'startup.labInsecure', params: { serverUrl: refusal.serverUrl } };
  }
}

function refuse(refusal: LabRefusal): LabCheck {
  return { ok: false, refusal };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
