import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { formatPrice } from '../../../src/i18n/translate';
import { useCurrentDesign } from '../use-design';
import { DesignSummary } from '../DesignSummary';
import { deliveryDaysText } from './delivery-days';
import './checkout.css';

/**
 * The success screen's body: the order number to note, what was ordered, what it costs, and what
 * happens next. Nothing personal: the customer's data was let go when the order went through.
 */
export function OrderReceipt({ orderId, savedTo }: { orderId: string; savedTo?: string }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const receipt = useAppStore((s) => s.receipt);
  const design = useCurrentDesign();
  return (
    <div className="order-receipt">
      <h2>{t(savedTo ? 'checkout.medium.done.title' : 'checkout.done.title')}</h2>
      {savedTo ? (
        <p data-testid="medium-saved">{t('checkout.medium.saved', { orderId, folder: savedTo })}</p>
      ) : (
        <p>{t('order.done', { orderId })}</p>
      )}
      <dl className="receipt-facts">
        <div>
          <dt>{t('checkout.done.orderNumber')}</dt>
          <dd className="order-number">{orderId}</dd>
        </div>
        {design && (
          <div>
            <dt>{t('checkout.done.ordered')}</dt>
            <dd>
              <DesignSummary design={design} />
            </dd>
          </div>
        )}
        {receipt && (
          <div>
            <dt>{t('checkout.done.total')}</dt>
            <dd>{formatPrice(locale, receipt.totals.totalCents)}</dd>
          </div>
        )}
      </dl>
      <h3>{t('checkout.done.next')}</h3>
      <ol className="next-steps">
        {savedTo && <li>{t('checkout.medium.nextBring')}</li>}
        <li>{t('checkout.done.nextConfirm')}</li>
        {receipt && (
          <li>
            {t('checkout.done.nextProduce', {
              shipping: receipt.totals.shipping.name,
              days: deliveryDaysText(t, receipt.deliveryDays),
            })}
          </li>
        )}
        {receipt && (
          <li>
            {receipt.paymentMethod === 'sepa'
              ? t('checkout.done.nextSepa')
              : t('checkout.done.nextInvoice')}
          </li>
        )}
      </ol>
      <p className="note">{t('checkout.done.privacy')}</p>
    </div>
  );
}
