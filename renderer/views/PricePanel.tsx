import { memo } from 'react';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { catalog } from '../catalog';
import { priceOf } from '../../src/catalog/price';
import { formatPrice } from '../../src/i18n/translate';
import type { ProductOptions } from '../../src/catalog/kinds';

interface Props {
  productId: string;
  options: ProductOptions;
}

/**
 * The price as it stands, line by line from the catalog's rules, updated with every change that
 * moves it (pages added, quantities), so nobody meets a surprise at checkout. Memoised: the
 * options stay the same object while frames are dragged, and formatting prices is not free.
 */
export const PricePanel = memo(function PricePanel({ productId, options }: Props) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const price = priceOf(catalog, productId, options);
  return (
    <section className="price-panel" aria-label={t('designer.price')}>
      <h2>{t('designer.price')}</h2>
      <dl>
        {price.lines.map((line) => (
          <div key={line.labelKey + JSON.stringify(line.params)}>
            <dt>{t(line.labelKey, line.params)}</dt>
            <dd>{formatPrice(locale, line.cents)}</dd>
          </div>
        ))}
      </dl>
      <p className="price-total" aria-live="polite">
        {t('designer.priceTotal', { price: formatPrice(locale, price.totalCents) })}
      </p>
      <p className="note">
        {t('designer.vatIncluded', { vat: formatPrice(locale, price.vatCents) })}
      </p>
    </section>
  );
});
