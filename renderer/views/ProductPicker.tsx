import type { ReactNode } from 'react';
import './prints-canvas.css';
import { catalog } from '../catalog';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { productsOfKind } from '../../src/catalog/catalog';
import { priceOf } from '../../src/catalog/price';
import { formatPrice, isMessageKey, type MessageKey } from '../../src/i18n/translate';

/** The product choice: photo books, prints and canvas, each section with its "from" prices. */
export function ProductPicker() {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const setView = useAppStore((s) => s.setView);
  const price = (cents: number) => formatPrice(locale, cents);
  const anyOf = (items: string[]) =>
    new Intl.ListFormat(locale, { type: 'disjunction' }).format(items);
  const nameOf = (id: string) => {
    const key = `product.${id}`;
    return isMessageKey(key) ? t(key) : id;
  };
  const start = (begin: () => void) => {
    begin();
    setView('designer');
  };
  const store = useAppStore.getState;
  return (
    <section aria-labelledby="products-title">
      <h2 id="products-title">{t('product.choose')}</h2>
      <p className="note">{t('app.offlineNote')}</p>
      <ProductSection id="books" title="picker.books">
        {productsOfKind(catalog, 'photoBook').map((product) => (
          <ProductCard
            key={product.id}
            name={nameOf(product.id)}
            lines={[t('product.pages', { count: product.pages.default })]}
            from={t('product.price', {
              price: price(
                priceOf(catalog, product.id, { pageCount: product.pages.default }).totalCents,
              ),
            })}
            onStart={() =>
              start(() => {
                store().startBook(product);
                store().chooseBook();
              })
            }
          />
        ))}
      </ProductSection>
      <ProductSection id="prints" title="picker.prints">
        {productsOfKind(catalog, 'print').map((product) => {
          const cheapest = Math.min(...product.sizes.map((s) => s.priceCents));
          return (
            <ProductCard
              key={product.id}
              name={nameOf(product.id)}
              lines={[
                t('picker.printSizes', {
                  sizes: product.sizes.map((s) => s.id).join(', '),
                  // Only what this lab's catalog offers (a lab printing matte only says so).
                  finishes: anyOf(product.finishes.map((f) => t(`picker.finish.${f}`))),
                  fits: anyOf(product.fits.map((f) => t(`picker.fit.${f}`))),
                }),
              ]}
              from={t('picker.perPrint', { price: price(cheapest) })}
              onStart={() => start(() => store().startPrints(product))}
            />
          );
        })}
      </ProductSection>
      <ProductSection id="canvas" title="picker.canvas">
        {productsOfKind(catalog, 'canvas').map((product) => {
          const cheapest = Math.min(...product.sizes.map((s) => s.priceCents));
          return (
            <ProductCard
              key={product.id}
              name={nameOf(product.id)}
              lines={[
                t('picker.canvasSizes', {
                  sizes: product.sizes.map((s) => s.id).join(', '),
                  depth: new Intl.NumberFormat(locale).format(product.frameDepthMm / 10),
                }),
              ]}
              from={t('product.price', { price: price(cheapest) })}
              onStart={() => start(() => store().startCanvas(product))}
            />
          );
        })}
      </ProductSection>
    </section>
  );
}

function ProductSection(props: { id: string; title: MessageKey; children: ReactNode }) {
  const t = useT();
  return (
    <section className="product-section" aria-labelledby={`products-${props.id}`}>
      <h3 id={`products-${props.id}`}>{t(props.title)}</h3>
      <ul className="products">{props.children}</ul>
    </section>
  );
}

/** One product: name, what it is, its lowest price and the button that starts designing it. */
function ProductCard(props: { name: string; lines: string[]; from: string; onStart(): void }) {
  const t = useT();
  return (
    <li className="product">
      <h4>{props.name}</h4>
      {props.lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <p className="product-price">{props.from}</p>
      <button aria-label={`${t('product.start')}: ${props.name}`} onClick={props.onStart}>
        {t('product.start')}
      </button>
    </li>
  );
}
