import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { formatPrice } from '../../../src/i18n/translate';
import type { ShippingOffer } from '../../../src/lab/checkout-config';
import { deliveryDaysText } from './delivery-days';

/** The lab's shipping methods that go to the delivery country, each with its time and price. */
export function ShippingChoice(props: {
  offers: ShippingOffer[];
  chosenId: string;
  onChoose(id: string): void;
}) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  return (
    <fieldset className="checkout-card choice-list">
      <legend>{t('checkout.shipping')}</legend>
      {props.offers.map(({ method, rate }) => (
        <label key={method.id} className="choice">
          <input
            type="radio"
            name="shipping-method"
            value={method.id}
            checked={props.chosenId === method.id}
            onChange={(e) => e.target.checked && props.onChoose(method.id)}
          />
          <span className="choice-text">
            <span className="choice-name">{method.name}</span>
            <span className="choice-hint">{deliveryDaysText(t, rate.deliveryDays)}</span>
          </span>
          <span className="choice-price">{formatPrice(locale, rate.priceCents)}</span>
        </label>
      ))}
    </fieldset>
  );
}
