import { HostError, type HostErrorBody } from '../contract/host';
import { translate, type Locale, type MessageKey } from './translate';

/** Host error codes the customer can act on, each with its own words. */
const translated: Partial<Record<HostErrorBody['code'], MessageKey>> = {
  'photo-too-large': 'hostError.photo-too-large',
  'host-busy': 'hostError.host-busy',
  unauthorized: 'hostError.unauthorized',
  'server-untrusted': 'hostError.server-untrusted',
};

/**
 * What the customer reads when a host request fails: a translated message
 * for a known code (filled with the host's figures: limit, wait, file name),
 * otherwise the host's own message, so the specific reason is never lost.
 */
export function hostErrorText(locale: Locale, error: unknown): string {
  const key = error instanceof HostError ? translated[error.code] : undefined;
  if (key && error instanceof HostError) return translate(locale, key, error.params);
  return translate(locale, 'error.host', {
    reason: error instanceof Error ? error.message : String(error),
  });
}
