import { useRef, useState } from 'react';
import { useAppStore } from '../../stores/app-store';
import { useHost } from '../../host-context';
import { useT } from '../../i18n';
import { catalog } from '../../catalog';
import type { Design } from '../../../src/model/design';
import type { MessageKey } from '../../../src/i18n/translate';
import { HostError, type SendChoice } from '../../../src/contract/host';
import { shippingOffers, type LabCheckout } from '../../../src/lab/checkout-config';
import { Customer } from '../../../src/order/customer';
import { customerProblems } from '../../../src/order/customer-problems';
import { customerOf, type CheckoutDraft } from '../../../src/order/checkout-draft';
import { postalCodeExample, type Country } from '../../../src/order/address';
import { orderTotals } from '../../../src/order/totals';
import { orderFailureKey } from '../order-failure';
import { UploadChoice } from '../UploadChoice';
import { useOrderCheck } from '../preflight/OrderCheck';
import { AddressFields } from './AddressFields';
import { TextField } from './TextField';
import { ShippingChoice } from './ShippingChoice';
import { PaymentFields } from './PaymentFields';
import { OrderReview } from './OrderReview';
import { TermsAgreement } from './TermsAgreement';
import { fieldErrors } from './field-errors';
import './checkout.css';

/** The order starts sending now: the time comes from here, not from rendering. */
function startSendingNow(): void {
  useAppStore.getState().startSending(Date.now());
}

/** The way back names what the customer was designing. */
const backLabel: Record<Design['kind'], MessageKey> = {
  photoBook: 'checkout.back',
  prints: 'checkout.backPrints',
  canvas: 'checkout.backCanvas',
};

/**
 * The checkout form, top to bottom as a customer works through it: delivery address, contact,
 * billing address, shipping, payment, what is sent, the order at a glance, the terms, and only
 * then "Zahlungspflichtig bestellen". A field's problem shows when the customer leaves it, all
 * of them when they try to order; what they typed stays in memory until the order is through.
 */
export function CheckoutForm({ design, checkout }: { design: Design; checkout: LabCheckout }) {
  const t = useT();
  const host = useHost();
  const draft = useAppStore((s) => s.customerDraft);
  const order = useAppStore((s) => s.order);
  const edit = useAppStore((s) => s.editCustomer);
  const setView = useAppStore((s) => s.setView);
  const [send, setSend] = useState<SendChoice>('print-ready');
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [tried, setTried] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const orderCheck = useOrderCheck();

  // Shipping goes where the parcel goes: the chosen method if it goes there, else the lab's first.
  const country = draft.shipping.country;
  const offers = shippingOffers(checkout, country);
  const offer = offers.find((o) => o.method.id === draft.shippingMethodId) ?? offers[0]!;
  const ready: CheckoutDraft = { ...draft, shippingMethodId: offer.method.id };
  const totals = orderTotals(catalog, checkout, design, { methodId: offer.method.id, country });
  const problems = customerProblems(customerOf(ready), checkout);
  const countryOf = (path: string): Country =>
    path.startsWith('billingAddress') ? draft.billing.country : draft.shipping.country;
  const regionNames = new Intl.DisplayNames([useAppStore.getState().locale], { type: 'region' });
  const errors = fieldErrors(
    problems,
    (path) => tried || touched.has(path),
    (path) => setTouched((seen) => (seen.has(path) ? seen : new Set(seen).add(path))),
    t,
    (path) =>
      path.endsWith('.postalCode')
        ? {
            country: regionNames.of(countryOf(path)) ?? countryOf(path),
            example: postalCodeExample(countryOf(path)),
          }
        : undefined,
  );
  const problemCount = Object.keys(problems).filter(
    (path) => path !== 'payment.mandate.acceptedAt' || !problems['payment.mandate.accepted'],
  ).length;

  /** What the success screen shows of the order: nothing personal. */
  const keepReceipt = (customer: Customer) =>
    useAppStore.getState().setReceipt({
      totals,
      paymentMethod: customer.payment.method,
      deliveryDays: offer.rate.deliveryDays,
    });

  /**
   * Saved to a medium: the order is placed there, so the form gives way to the success screen
   * (and lets the customer's data go) rather than offering to upload the same order again.
   */
  const savedToMedium = (saved: { orderId: string; dir: string }) => {
    const customer = Customer.safeParse(customerOf(ready));
    if (customer.success) keepReceipt(customer.data);
    useAppStore.getState().setOrder({ state: 'done', orderId: saved.orderId, savedTo: saved.dir });
  };

  const submit = async () => {
    const store = useAppStore.getState();
    const customer = Customer.safeParse(customerOf(ready));
    if (!customer.success) return;
    keepReceipt(customer.data);
    startSendingNow();
    // Progress comes through the app's own subscription (use-running-order.ts).
    try {
      const { orderId } = await host.invoke('order.submit', {
        design,
        customer: customer.data,
        send,
      });
      // Through: setOrder lets the customer's data go (checkout-slice).
      store.setOrder({ state: 'done', orderId });
    } catch (e) {
      const running = useAppStore.getState().order;
      // order.failed came first and said it all (the photos to pick again included).
      if (running.state === 'failed') return;
      store.setOrder({
        state: 'failed',
        code: e instanceof HostError ? e.code : 'internal',
        detail: e instanceof Error ? e.message : String(e),
        // The order was opened: sending again continues it, never a second one.
        orderId: running.state === 'sending' ? running.orderId : undefined,
      });
    }
  };

  /** Orders; after a failure, the same order again where it was opened already. */
  const sendAgain = () => {
    if (order.state === 'failed' && order.orderId) {
      startSendingNow();
      void host.invoke('order.retry', {}).catch(() => {});
    } else orderCheck.beforeOrder(() => void submit());
  };

  const trySubmit = () => {
    setTried(true);
    if (problemCount === 0) {
      sendAgain();
      return;
    }
    // To the first field that needs a look, in the order the form shows them.
    requestAnimationFrame(() => {
      const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
    });
  };

  return (
    <section className="checkout" aria-labelledby="checkout-title">
      <h2 id="checkout-title">{t('checkout.title')}</h2>
      <p className="note privacy">{t('checkout.privacy')}</p>
      <form
        ref={formRef}
        className="checkout-form"
        noValidate
        // Browsers would save the address in their profile on disk: privacy rule 2 says no.
        autoComplete="off"
        onSubmit={(e) => {
          e.preventDefault();
          // Anything that needs a look is named first, with "order anyway" (preflight).
          trySubmit();
        }}
      >
        <div className="checkout-columns">
          <div className="checkout-main">
            <fieldset className="checkout-card">
              <legend>{t('checkout.shippingAddress')}</legend>
              <AddressFields
                which="shippingAddress"
                address={draft.shipping}
                onChange={(shipping) => edit((d) => ({ ...d, shipping }))}
                errors={errors}
              />
            </fieldset>
            <fieldset className="checkout-card">
              <legend>{t('checkout.contact')}</legend>
              <TextField
                path="email"
                type="email"
                inputMode="email"
                label={t('checkout.email')}
                hint={t('checkout.emailHint')}
                value={draft.email}
                onChange={(email) => edit((d) => ({ ...d, email }))}
                onBlur={errors.touch}
                error={errors.message('email')}
              />
              <TextField
                path="phone"
                type="tel"
                inputMode="tel"
                label={t('checkout.phone')}
                hint={t('checkout.phoneHint')}
                value={draft.phone}
                onChange={(phone) => edit((d) => ({ ...d, phone }))}
                onBlur={errors.touch}
                error={errors.message('phone')}
              />
            </fieldset>
            <fieldset className="checkout-card">
              <legend>{t('checkout.billingAddress')}</legend>
              <label className="check">
                <input
                  type="checkbox"
                  checked={draft.billingSame}
                  onChange={(e) => {
                    const billingSame = e.target.checked;
                    edit((d) => ({ ...d, billingSame }));
                  }}
                />
                <span>{t('checkout.billingSame')}</span>
              </label>
              {!draft.billingSame && (
                <AddressFields
                  which="billingAddress"
                  address={draft.billing}
                  onChange={(billing) => edit((d) => ({ ...d, billing }))}
                  errors={errors}
                />
              )}
            </fieldset>
            <ShippingChoice
              offers={offers}
              chosenId={offer.method.id}
              onChoose={(shippingMethodId) => edit((d) => ({ ...d, shippingMethodId }))}
            />
            <PaymentFields draft={draft} checkout={checkout} edit={edit} errors={errors} />
            <div className="checkout-card">
              <UploadChoice
                design={design}
                send={send}
                onChange={setSend}
                customer={Customer.safeParse(customerOf(ready)).data}
                onSaved={savedToMedium}
              />
            </div>
          </div>
          <aside className="checkout-side">
            <section className="checkout-card review" aria-labelledby="review-title">
              <h3 id="review-title">{t('checkout.review')}</h3>
              <OrderReview design={design} totals={totals} />
              <TermsAgreement
                checkout={checkout}
                agreed={draft.termsAcceptedAt !== undefined}
                onChange={(agreed) => {
                  const at = agreed ? new Date().toISOString() : undefined;
                  edit((d) => ({ ...d, termsAcceptedAt: at }));
                }}
                onBlur={() => errors.touch('termsAcceptedAt')}
                error={errors.message('termsAcceptedAt')}
              />
              {tried && problemCount > 0 && (
                <p role="alert" className="form-problems">
                  {t('checkout.fixErrors', { count: problemCount })}
                </p>
              )}
              {order.state === 'failed' && (
                <div role="alert" className="order-failed-inline">
                  <p>{t(orderFailureKey(order.code))}</p>
                  <details>
                    <summary>{t('order.failedDetails')}</summary>
                    <code>{order.detail}</code>
                  </details>
                </div>
              )}
              <button type="submit" className="primary order-button">
                {order.state === 'failed' ? t('order.retry') : t('checkout.submit')}
              </button>
              <button type="button" className="back" onClick={() => setView('designer')}>
                {t(backLabel[design.kind])}
              </button>
            </section>
          </aside>
        </div>
      </form>
      {orderCheck.dialog}
    </section>
  );
}
