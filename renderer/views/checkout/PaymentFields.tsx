import { useT } from '../../i18n';
import type { CheckoutDraft } from '../../../src/order/checkout-draft';
import { formatIban, ibanProblem, type PaymentMethod } from '../../../src/order/payment';
import type { LabCheckout } from '../../../src/lab/checkout-config';
import { TextField } from './TextField';
import type { FieldErrors } from './field-errors';
import { newMandateReference } from './mandate-reference';

/**
 * How the customer pays: invoice, or SEPA direct debit with account holder, IBAN, optional BIC
 * and the mandate in full, with the lab's creditor id and the mandate reference, to be accepted.
 * Card and other methods go through the lab's payment provider, never through fields here.
 */
export function PaymentFields(props: {
  draft: CheckoutDraft;
  checkout: LabCheckout;
  edit(update: (draft: CheckoutDraft) => CheckoutDraft): void;
  errors: FieldErrors;
}) {
  const t = useT();
  const { draft, checkout, edit, errors } = props;
  const choose = (method: PaymentMethod) =>
    edit((d) => ({
      ...d,
      paymentMethod: method,
      mandateReference:
        method === 'sepa' && !d.mandateReference ? newMandateReference() : d.mandateReference,
    }));
  const hint: Record<PaymentMethod, string> = {
    invoice: t('checkout.payment.invoiceHint'),
    sepa: t('checkout.payment.sepaHint'),
  };
  const mandateError =
    errors.message('payment.mandate.accepted') ?? errors.message('payment.mandate.acceptedAt');
  return (
    <fieldset className="checkout-card choice-list">
      <legend>{t('checkout.payment')}</legend>
      {checkout.paymentMethods.map((method) => (
        <label key={method} className="choice">
          <input
            type="radio"
            name="payment-method"
            value={method}
            checked={draft.paymentMethod === method}
            onChange={(e) => e.target.checked && choose(method)}
          />
          <span className="choice-text">
            <span className="choice-name">{t(`checkout.payment.${method}`)}</span>
            <span className="choice-hint">{hint[method]}</span>
          </span>
        </label>
      ))}
      {draft.paymentMethod === 'sepa' && (
        <div className="sepa">
          <TextField
            path="payment.holder"
            label={t('checkout.holder')}
            value={draft.holder}
            onChange={(holder) => edit((d) => ({ ...d, holder }))}
            onBlur={errors.touch}
            error={errors.message('payment.holder')}
          />
          <TextField
            path="payment.iban"
            label={t('checkout.iban')}
            value={draft.iban}
            upperCase
            onChange={(iban) => edit((d) => ({ ...d, iban }))}
            onBlur={(path) => {
              // Read back in groups of four, as on a bank card, once it is right.
              edit((d) => (ibanProblem(d.iban) ? d : { ...d, iban: formatIban(d.iban) }));
              errors.touch(path);
            }}
            error={errors.message('payment.iban')}
          />
          <TextField
            path="payment.bic"
            label={t('checkout.bic')}
            value={draft.bic}
            upperCase
            className="half"
            onChange={(bic) => edit((d) => ({ ...d, bic }))}
            onBlur={errors.touch}
            error={errors.message('payment.bic')}
          />
          <section className="mandate" aria-labelledby="mandate-title">
            <h4 id="mandate-title">{t('checkout.mandate.title')}</h4>
            <p>{t('checkout.mandate.text', { creditor: checkout.seller.name })}</p>
            <p className="note">
              {t('checkout.mandate.ids', {
                creditorId: checkout.sepaCreditorId,
                reference: draft.mandateReference,
              })}
            </p>
            <label className="check">
              <input
                id="payment.mandate.accepted"
                type="checkbox"
                checked={draft.mandateAcceptedAt !== undefined}
                aria-invalid={mandateError ? true : undefined}
                aria-describedby={mandateError ? 'mandate-error' : undefined}
                onChange={(e) => {
                  const at = e.target.checked ? new Date().toISOString() : undefined;
                  edit((d) => ({ ...d, mandateAcceptedAt: at }));
                }}
                onBlur={() => errors.touch('payment.mandate.accepted')}
              />
              <span>{t('checkout.mandate.accept')}</span>
            </label>
            {mandateError && (
              <span id="mandate-error" className="field-error">
                {mandateError}
              </span>
            )}
          </section>
        </div>
      )}
    </fieldset>
  );
}
