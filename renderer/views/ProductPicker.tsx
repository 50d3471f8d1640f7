import { catalog } from '../catalog';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { productsOfKind } from '../../src/catalog/catalog';
import { priceOf } from '../../src/catalog/price';
import { formatPrice, isMessageKey } from '../../src/i18n/translate';

export function ProductPicker() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const startBook = useAppStore((s) => s.startBook);
  const setView = useAppStore((s) => s.setView);
  return (
    <section aria-labelledby="products-title">
      <h2 id="products-title">{t('product.choose')}</h2>
      <p className="note">{t('app.offlineNote')}</p>
      <ul className="products">
        {/* Photo books only for now: prints and canvas get their designer with issue 6. */}
        {productsOfKind(catalog, 'photoBook').map((product) => {
          const key = `product.${product.id}`;
          const name = isMessageKey(key) ? t(key) : product.id;
          return (
            <li key={product.id} className="product">
              <h3>{name}</h3>
              <p>{t('product.pages', { count: product.pages.default })}</p>
              <p>
                {t('product.price', {
                  price: formatPrice(
                    locale,
                    priceOf(catalog, product.id, { pageCount: product.pages.default }).totalCents,
                  ),
                })}
              </p>
              <button
                aria-label={`${t('product.start')}: ${name}`}
                onClick={() => {
                  startBook(product);
                  setView('designer');
                }}
              >
                {t('product.start')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
