import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { catalog } from '../catalog';
import { findProduct } from '../../src/catalog/catalog';
import { framesOn, placedAssets } from '../../src/model/commands';
import { PhotoTray } from './PhotoTray';
import { PageView } from './PageView';

export function Designer() {
  const t = useT();
  const book = useAppStore((s) => s.book);
  const history = useAppStore((s) => s.history);
  const thumbnails = useAppStore((s) => s.thumbnails);
  const selected = useAppStore((s) => s.selectedAssetId);
  const placeInFrame = useAppStore((s) => s.placeInFrame);
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
            if (!page) return null;
            const frames = framesOn(book, pageId);
            // Select-then-click fills the page's frontmost photo frame.
            const target = frames.findLast((frame) => frame.kind === 'photo');
            return (
              <li key={pageId}>
                <PageView
                  page={page}
                  frames={frames}
                  product={product}
                  assets={book.assets}
                  thumbnails={thumbnails}
                  label={t('designer.page', { n: index + 1 })}
                  onActivate={() => {
                    if (selected && target) placeInFrame(target.id, selected);
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
