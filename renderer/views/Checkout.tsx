import { useAppStore } from '../stores/app-store';
import { useHost } from '../host-context';
import { useT } from '../i18n';
import { useCurrentDesign } from './use-design';
import { OrderProgress } from './OrderProgress';
import { useLabCheckout } from './checkout/use-lab-checkout';
import { CheckoutForm } from './checkout/CheckoutForm';

/** Checkout: the first and only place that asks for personal data. */
export function Checkout() {
  const t = useT();
  const host = useHost();
  const design = useCurrentDesign();
  const order = useAppStore((s) => s.order);
  const checkout = useLabCheckout(host);
  // The host's running order shows first: a reloaded window has no design, the host has it.
  if (order.state === 'sending' || order.state === 'done') return <OrderProgress />;
  // Photos to pick again (resume): the order goes on from there, not from the form.
  if (order.state === 'failed' && order.orderId && (!design || order.needsPhotos?.length))
    return <OrderProgress />;
  if (!design) return null;
  if (!checkout) return <p className="note">{t('checkout.loading')}</p>;
  return <CheckoutForm design={design} checkout={checkout} />;
}
