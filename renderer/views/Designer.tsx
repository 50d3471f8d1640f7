import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { catalog } from '../catalog';
import { findProduct } from '../../src/catalog/catalog';
import { placedAssets } from '../../src/model/commands';
import { PhotoTray } from './PhotoTray';
import { PageView } from './PageView';

export function Designer() {
  const t = useT();
  const book = useAppStore((s) => s.book);
  const history = useAppStore((s) => s.history);
  const thumbnails = useAppStore((s) => s.thumbnails);
  const selected = useAppStore((s) => s.selectedAssetId);
  const placeOnPage = useAppStore((s) => s.placeOnPage);
  const undo = useAppStore((s) => s.undo);
  const redo = useAppStore((s) => s.redo);
  const setView = useAppStore((s) => s.setView);
  if (!book) return null;
  const product = findProduct(catalog, book.productId, 'photoBook');
  const placed = placedAssets(book).length;

  return (
    <div className="designer">
      <PhotoTray />
      <section className="pages-area" aria-label={t('designer.placeHint')}>
        <div className="toolbar">
          <button onClick={undo} disabled={history.undo.length === 0}>
            {t('designer.undo')}
          </button>
          <button onClick={redo} disabled={history.redo.length === 0}>
            {t('designer.redo')}
          </button>
          <span className="note">{t('designer.placed', { count: placed })}</span>
          <button className="primary" disabled={placed === 0} onClick={() => setView('checkout')}>
            {t('designer.checkout')}
          </button>
        </div>
        <p className="note">{placed === 0 ? t('designer.needPhoto') : t('designer.placeHint')}</p>
        <ol className="pages">
          {book.pageIds.map((pageId, index) => {
            const page = book.pages[pageId];
            const slot = page?.slots[0];
            if (!page) return null;
            return (
              <li key={pageId}>
                <PageView
                  page={page}
                  product={product}
                  assets={book.assets}
                  thumbnails={thumbnails}
                  label={t('designer.page', { n: index + 1 })}
                  onActivate={() => {
                    if (selected && slot) placeOnPage(pageId, slot.id, selected);
                  }}
                />
                <span className="page-number">{index + 1}</span>
              </li>
            );
          })}
        </ol>
      </section>
    </div>
  );
}
