import { Fragment } from 'react';
import { useT } from '../../i18n';
import type { LabCheckout } from '../../../src/lab/checkout-config';

/** Stand-ins from Unicode's private use area, which no translation contains. */
const TERMS = '\uE000';
const PRIVACY = '\uE001';

/**
 * The agreement to the lab's terms (required) with its terms and privacy statement linked, and
 * the note that made-to-order products carry no right of withdrawal.
 */
export function TermsAgreement(props: {
  checkout: LabCheckout;
  agreed: boolean;
  onChange(agreed: boolean): void;
  onBlur(): void;
  error?: string;
}) {
  const t = useT();
  const link = (href: string, text: string) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  );
  // The sentence is translated whole; the links go where the language puts their words.
  const sentence = t('checkout.terms', { terms: TERMS, privacy: PRIVACY });
  const parts = sentence.split(/([\uE000\uE001])/);
  return (
    <div className="terms">
      <label className="check">
        <input
          id="termsAcceptedAt"
          type="checkbox"
          checked={props.agreed}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? 'terms-error' : undefined}
          onChange={(e) => props.onChange(e.target.checked)}
          onBlur={props.onBlur}
        />
        <span>
          {parts.map((part, i) => (
            <Fragment key={i}>
              {part === TERMS
                ? link(props.checkout.termsUrl, t('checkout.termsLink'))
                : part === PRIVACY
                  ? link(props.checkout.privacyUrl, t('checkout.privacyLink'))
                  : part}
            </Fragment>
          ))}
        </span>
      </label>
      {props.error && (
        <span id="terms-error" className="field-error">
          {props.error}
        </span>
      )}
      <p className="note withdrawal">{t('checkout.withdrawal')}</p>
    </div>
  );
}
