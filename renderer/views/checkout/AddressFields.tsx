import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import { countries } from '../../../src/order/address';
import type { AddressDraft } from '../../../src/order/checkout-draft';
import { TextField } from './TextField';
import type { FieldErrors } from './field-errors';

/**
 * One postal address: salutation, names, street and number, supplement, postal code, city and
 * country. `which` is its place in the customer's data (`shippingAddress`, `billingAddress`).
 */
export function AddressFields(props: {
  which: 'shippingAddress' | 'billingAddress';
  address: AddressDraft;
  onChange(address: AddressDraft): void;
  errors: FieldErrors;
}) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const regionNames = new Intl.DisplayNames([locale], { type: 'region' });
  const { which, address, errors } = props;
  const path = (field: keyof AddressDraft) => `${which}.${field}`;
  const set = (field: keyof AddressDraft) => (value: string) =>
    props.onChange({ ...address, [field]: value });
  const text = (
    field: 'firstName' | 'lastName' | 'street' | 'supplement' | 'postalCode' | 'city',
  ) => ({
    path: path(field),
    value: address[field],
    onChange: set(field),
    onBlur: errors.touch,
    error: errors.message(path(field)),
  });

  return (
    <div className="address-fields">
      <div className="field salutation">
        <label htmlFor={path('salutation')}>{t('checkout.salutation')}</label>
        <select
          id={path('salutation')}
          autoComplete="off"
          value={address.salutation}
          onChange={(e) => set('salutation')(e.target.value)}
        >
          <option value="">{t('checkout.salutation.none')}</option>
          <option value="ms">{t('checkout.salutation.ms')}</option>
          <option value="mr">{t('checkout.salutation.mr')}</option>
        </select>
      </div>
      <TextField {...text('firstName')} label={t('checkout.firstName')} className="half" />
      <TextField {...text('lastName')} label={t('checkout.lastName')} className="half" />
      <TextField {...text('street')} label={t('checkout.street')} />
      <TextField
        {...text('supplement')}
        label={t('checkout.supplement')}
        hint={t('checkout.supplementHint')}
      />
      <TextField {...text('postalCode')} label={t('checkout.postalCode')} className="postal" />
      <TextField {...text('city')} label={t('checkout.city')} className="city" />
      <div className="field">
        <label htmlFor={path('country')}>{t('checkout.country')}</label>
        <select
          id={path('country')}
          autoComplete="off"
          value={address.country}
          onChange={(e) => {
            const country = countries.find((c) => c === e.target.value);
            if (country) props.onChange({ ...address, country });
          }}
        >
          {countries.map((code) => (
            <option key={code} value={code}>
              {regionNames.of(code) ?? code}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
