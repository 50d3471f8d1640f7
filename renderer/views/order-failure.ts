import type { HostErrorBody } from '../../src/contract/host';
import type { MessageKey } from '../../src/i18n/translate';

/** What went wrong with an order, in the customer's words; the technical detail sits below it. */
const failureMessage: Partial<Record<HostErrorBody['code'], MessageKey>> = {
  'upload-failed': 'order.failedNetwork',
  'photo-missing': 'order.failedPhoto',
  'server-untrusted': 'order.failedUntrusted',
};

export function orderFailureKey(code: HostErrorBody['code']): MessageKey {
  return failureMessage[code] ?? 'order.failed';
}
