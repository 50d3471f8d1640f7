import { useAppStore } from '../stores/app-store';
import { useHost } from '../host-context';
import { useT } from '../i18n';
import { catalog } from '../catalog';
import { priceOfDesign, productChoiceOf, type Design } from '../../src/model/design';
import { useCurrentDesign } from './use-design';
import { PricePanel } from './PricePanel';
import { DesignSummary } from './DesignSummary';
import { Customer, countries, customerProblems } from '../../src/order/customer';
import { formatPrice, isMessageKey } from '../../src/i18n/translate';
import type { MessageKey } from '../../src/i18n/translate';
import { OrderProgress } from './OrderProgress';
import { orderFailureKey } from './order-failure';
import { UploadChoice } from './UploadChoice';
import { useOrderCheck } from './preflight/OrderCheck';
import { HostError, type SendChoice } from '../../src/contract/host';
import { useState } from 'react';

const fields: { field: keyof Customer; label: MessageKey; type?: string }[] = [
  { field: 'name', label: 'checkout.name' },
  { field: 'street', label: 'checkout.street' },
  { field: 'postalCode', label: 'checkout.postalCode' },
  { field: 'city', label: 'checkout.city' },
  { field: 'email', label: 'checkout.email', type: 'email' },
];

/** The way back names what the customer was designing. */
const backLabel: Record<Design['kind'], MessageKey> = {
  photoBook: 'checkout.back',
  prints: 'checkout.backPrints',
  canvas: 'checkout.backCanvas',
};

/** Checkout: the first and only place that asks for personal data. */
export function Checkout() {
  const t = useT();
  const host = useHost();
  const locale = useAppStore((s) => s.locale);
  const design = useCurrentDesign();
  const draft = useAppStore((s) => s.customerDraft);
  const order = useAppStore((s) => s.order);
  const editCustomer = useAppStore((s) => s.editCustomer);
  const setView = useAppStore((s) => s.setView);
  const [send, setSend] = useState<SendChoice>('print-ready');
  const orderCheck = useOrderCheck();
  // The host's running order shows first: a reloaded window has no design, the host has it.
  if (order.state === 'sending' || order.state === 'done') return <OrderProgress />;
  if (order.state === 'failed' && order.orderId && !design) return <OrderProgress />;
  if (!design) return null;
  const regionNames = new Intl.DisplayNames([locale], { type: 'region' });
  const price = priceOfDesign(catalog, design);
  const problems = customerProblems(draft);
  const touched = (field: keyof Customer) => draft[field] !== undefined && draft[field] !== '';

  const submit = async () => {
    const store = useAppStore.getState();
    const customer = Customer.safeParse(store.customerDraft);
    if (!customer.success) return;
    store.startSending(Date.now());
    // Progress comes through the app's own subscription (use-running-order.ts).
    try {
      const { orderId } = await host.invoke('order.submit', {
        design,
        customer: customer.data,
        send,
      });
      store.forgetCustomer();
      store.setOrder({ state: 'done', orderId });
    } catch (e) {
      const running = useAppStore.getState().order;
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
      useAppStore.getState().startSending(Date.now());
      void host.invoke('order.retry', {}).catch(() => {});
    } else orderCheck.beforeOrder(() => void submit());
  };

  return (
    <section className="checkout" aria-labelledby="checkout-title">
      <h2 id="checkout-title">{t('checkout.title')}</h2>
      <div className="checkout-summary" aria-label={t('checkout.summary')} role="group">
        <DesignSummary design={design} />
        <PricePanel {...productChoiceOf(design)} />
      </div>
      <p className="note privacy">{t('checkout.privacy')}</p>
      <UploadChoice design={design} send={send} onChange={setSend} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          // Anything that needs a look is named first, with "order anyway" (preflight).
          sendAgain();
        }}
        // Browsers would save the address in their profile on disk: privacy rule 2 says no.
        autoComplete="off"
      >
        {fields.map(({ field, label, type }) => {
          const problem = touched(field) ? problems[field] : undefined;
          return (
            <label key={field}>
              {t(label)}
              <input
                name={field}
                type={type ?? 'text'}
                autoComplete="off"
                value={draft[field] ?? ''}
                aria-invalid={problem ? true : undefined}
                onChange={(e) => editCustomer(field, e.target.value)}
              />
              {problem && isMessageKey(problem) && (
                <span className="field-error">{t(problem)}</span>
              )}
            </label>
          );
        })}
        <label>
          {t('checkout.country')}
          <select
            name="country"
            value={draft.country ?? 'DE'}
            onChange={(e) => editCustomer('country', e.target.value)}
          >
            {countries.map((code) => (
              <option key={code} value={code}>
                {regionNames.of(code) ?? code}
              </option>
            ))}
          </select>
        </label>
        <p className="total">
          {t('checkout.total', {
            price: formatPrice(locale, price.totalCents),
          })}
        </p>
        {order.state === 'failed' && (
          <div role="alert">
            <p>{t(orderFailureKey(order.code))}</p>
            <details>
              <summary>{t('order.failedDetails')}</summary>
              <code>{order.detail}</code>
            </details>
          </div>
        )}
        <div className="actions">
          <button type="button" onClick={() => setView('designer')}>
            {t(backLabel[design.kind])}
          </button>
          <button type="submit" className="primary" disabled={Object.keys(problems).length > 0}>
            {order.state === 'failed' ? t('order.retry') : t('checkout.submit')}
          </button>
        </div>
      </form>
      {orderCheck.dialog}
    </section>
  );
}
