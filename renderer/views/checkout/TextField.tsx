import type { ReactNode } from 'react';

export interface FieldProps {
  /** The field's path in the customer's data (`shippingAddress.city`): its id and error's key. */
  path: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** The customer left the field: its problem shows from now on. */
  onBlur(path: string): void;
  /** The problem in words, once the field was left or the order was tried. */
  error?: string;
  hint?: string;
  type?: 'text' | 'email' | 'tel';
  inputMode?: 'text' | 'numeric' | 'email' | 'tel';
  className?: string;
  /** Upper case as typed (IBAN, BIC). */
  upperCase?: boolean;
  children?: ReactNode;
}

/**
 * One text field of the checkout: its label, a hint, and its problem right below it, tied to the
 * input for screen readers. Autofill is off: a browser would keep the address in its profile.
 */
export function TextField(props: FieldProps) {
  const { path, error, hint } = props;
  const hintId = hint ? `${path}-hint` : undefined;
  const errorId = error ? `${path}-error` : undefined;
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={path}>{props.label}</label>
      <input
        id={path}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        autoComplete="off"
        spellCheck={false}
        value={props.value}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        style={props.upperCase ? { textTransform: 'uppercase' } : undefined}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={() => props.onBlur(path)}
      />
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
      {/* Always there, one line high: a problem shown when the customer leaves the field must not
          move what they are about to click (the next field, the mandate's box) from under them. */}
      <span id={errorId} className="field-error">
        {error}
      </span>
      {props.children}
    </div>
  );
}
