import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { formatPrice, isMessageKey } from '../../../src/i18n/translate';
import type { Design } from '../../../src/model/design';
import type { OrderTotals } from '../../../src/order/totals';
import { DesignSummary } from '../DesignSummary';

/**
 * The order before the final button: the product with its options and page count, its quantity,
 * each price line, shipping, the total and the VAT within it: what the invoice will say.
 */
export function OrderReview({ design, totals }: { design: Design; totals: OrderTotals }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const price = (cents: number) => formatPrice(locale, cents);
  return (
    <div className="order-review">
      <div className="review-product">
        <DesignSummary design={design} />
        {/* A book or a canvas is one piece; prints say their quantities line by line. */}
        {design.kind !== 'prints' && <p className="note">{t('checkout.quantity', { count: 1 })}</p>}
      </div>
      <table className="review-lines">
        <tbody>
          {totals.items.map((line, i) => (
            <tr key={i}>
              <th scope="row">
                {isMessageKey(line.labelKey) ? t(line.labelKey, line.params) : line.labelKey}
              </th>
              <td>{price(line.cents)}</td>
            </tr>
          ))}
          <tr className="subtotal">
            <th scope="row">{t('checkout.subtotal')}</th>
            <td>{price(totals.productCents)}</td>
          </tr>
          <tr>
            <th scope="row">{t('checkout.shippingCost', { name: totals.shipping.name })}</th>
            <td>{price(totals.shipping.cents)}</td>
          </tr>
        </tbody>
        <tfoot>
          <tr className="total">
            <th scope="row">{t('checkout.totalDue')}</th>
            <td data-testid="checkout-total">{price(totals.totalCents)}</td>
          </tr>
          <tr className="vat">
            <th scope="row">{t('checkout.vatContained', { percent: totals.vatPercent })}</th>
            <td>{price(totals.vatCents)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
