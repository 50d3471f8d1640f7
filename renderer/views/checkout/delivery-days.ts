import type { MessageKey, MessageParams } from '../../../src/i18n/translate';

/** "2–3 Werktage", or "1 Werktag" when the lab names one figure. */
export function deliveryDaysText(
  t: (key: MessageKey, params?: MessageParams) => string,
  days: { min: number; max: number },
): string {
  return days.min === days.max
    ? t('checkout.deliveryDay', { days: days.min })
    : t('checkout.deliveryDays', { min: days.min, max: days.max });
}
