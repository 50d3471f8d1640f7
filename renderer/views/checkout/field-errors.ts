import type { MessageKey, MessageParams } from '../../../src/i18n/translate';
import { isMessageKey } from '../../../src/i18n/translate';
import type { CustomerProblems } from '../../../src/order/customer-problems';

/**
 * Which problems the form shows: a field's once the customer has left it, every one once they
 * tried to order. Messages in the customer's language, with what each needs to say it.
 */
export interface FieldErrors {
  message(path: string): string | undefined;
  touch(path: string): void;
}

export function fieldErrors(
  problems: CustomerProblems,
  shown: (path: string) => boolean,
  touch: (path: string) => void,
  t: (key: MessageKey, params?: MessageParams) => string,
  paramsOf: (path: string) => MessageParams | undefined,
): FieldErrors {
  return {
    touch,
    message(path) {
      const key = problems[path];
      if (!key || !shown(path)) return undefined;
      return t(isMessageKey(key) ? key : 'checkout.error.invalid', paramsOf(path));
    },
  };
}
