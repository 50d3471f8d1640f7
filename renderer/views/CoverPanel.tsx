import { useId } from 'react';
import {
  SPINE_TEXT_FRAME_ID,
  setCoverTitle,
  setSpineText,
  spineTextRefusal,
} from '../../src/model/text-edits';
import { useT } from '../i18n';
import { useAppStore } from '../stores/app-store';
import type { BookView } from './spread/use-book-view';
import { DraftField } from './TextPanel';

/**
 * The cover's words while the cover is open: the title on the front (the book's title, see
 * setCoverTitle) and the text on the spine. Where the spine is too thin for legible type, the
 * spine field is off and says why, with the page count from which it works.
 */
export function CoverPanel({ view }: { view: BookView }) {
  const t = useT();
  const surfaceIndex = useAppStore((s) => s.surfaceIndex);
  const applyEdit = useAppStore((s) => s.applyEdit);
  const ids = { title: useId(), spine: useId(), why: useId() };
  if (surfaceIndex !== 0) return null;
  const { book, product } = view;
  const refusal = spineTextRefusal(book, product);
  const spineFrame = book.frames[SPINE_TEXT_FRAME_ID];
  const spineText = spineFrame?.kind === 'text' ? spineFrame.text : '';
  return (
    <section className="panel cover-panel" aria-labelledby="cover-panel-title">
      <h2 id="cover-panel-title">{t('cover.panel')}</h2>
      <label htmlFor={ids.title}>{t('cover.title')}</label>
      <DraftField
        id={ids.title}
        type="text"
        maxLength={200}
        value={book.title}
        commit={(title) => applyEdit('cover.title', (b) => setCoverTitle(b, product, title))}
      />
      <label htmlFor={ids.spine}>{t('cover.spineText')}</label>
      <DraftField
        id={ids.spine}
        type="text"
        maxLength={200}
        value={spineText}
        // Text already on a spine that became too thin can still be cleared.
        disabled={refusal !== undefined && spineText === ''}
        aria-describedby={refusal ? ids.why : undefined}
        commit={(text) =>
          applyEdit('cover.spineText', (b) => {
            const result = setSpineText(b, product, text);
            return result.ok ? result.changes : [];
          })
        }
      />
      {refusal && (
        <p id={ids.why} className="field-note">
          {t('cover.spineTooThin', {
            pages: book.options.pageCount,
            spine: refusal.spineMm,
            min: refusal.minMm,
            needed: refusal.pagesNeeded,
          })}
        </p>
      )}
    </section>
  );
}
