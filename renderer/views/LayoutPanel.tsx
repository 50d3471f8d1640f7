import { memo, useCallback, useId, useMemo, useState } from 'react';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import type { PagePanel } from '../../src/geometry/surface';
import { applyLayout, currentLayoutOf, photoCountOf } from '../../src/layout/apply';
import { layoutsFor } from '../../src/layout/library';
import type { LayoutTemplate } from '../../src/layout/template';
import { thumbnailOf } from '../../src/layout/thumbnail';
import { freshIds } from '../../src/model/fresh-ids';
import { shippedTemplates } from '../../src/commands/page-commands';
import { PageChoice, usePageChoice } from './page-choice';
import type { BookView } from './spread/use-book-view';
import './pages.css';

/** Layouts hold one to six photos; the customer may ask for any of these counts. */
const PHOTO_COUNTS = [1, 2, 3, 4, 5, 6] as const;

/** Thumbnails this wide, in CSS pixels; the height follows the page's shape. */
const THUMB_WIDTH_PX = 56;

const isPagePanel = (panel: object): panel is PagePanel => 'bleed' in panel;

/**
 * The layouts for a page of the open spread, drawn from the same fitting the page will get,
 * filtered by how many photos the page holds (or the count the customer picks). A click applies
 * one as one undo step, keeping the page's photos; photos that found no frame are named in a
 * notice, since they leave the page (never the book).
 */
export function LayoutPanel({ view }: { view: BookView }) {
  const t = useT();
  const choice = usePageChoice(view);
  const applyEdit = useAppStore((s) => s.applyEdit);
  const [asked, setAsked] = useState<{ pageId: string; count: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const countName = useId();
  const placed = choice.page;
  const pageId = placed?.pageId;
  const panel = placed && isPagePanel(placed.panel) ? placed.panel : undefined;
  // The layouts depend on this page's frames only. A drag changes the book on every pointer
  // move, so recognising the layout (which fits every template) waits for the page to change.
  const pageFrames = pageId === undefined ? undefined : view.framesOf(pageId);
  const { book } = view;
  const fitted = useMemo(
    () =>
      pageId !== undefined && panel
        ? {
            current: currentLayoutOf(book, pageId, panel, shippedTemplates),
            photos: photoCountOf(book, pageId, panel, shippedTemplates),
          }
        : undefined,
    [pageFrames, pageId, panel], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const apply = useCallback(
    (template: LayoutTemplate) => {
      if (pageId === undefined || !panel) return;
      let displaced: readonly string[] = [];
      applyEdit('layout.apply', (book) => {
        const applied = applyLayout(book, pageId, panel, template, { makeId: freshIds(book) });
        displaced = applied.displaced;
        return applied.changes;
      });
      setNotice(displaced.length > 0 ? t('layout.displaced', { count: displaced.length }) : null);
    },
    [applyEdit, pageId, panel, t],
  );
  if (pageId === undefined || !panel || !fitted) return null;
  const { current } = fitted;
  const count = asked?.pageId === pageId ? asked.count : fitted.photos;
  const templates = layoutsFor(shippedTemplates, count);

  return (
    <section className="layout-panel" aria-labelledby={`${countName}-title`}>
      <h2 id={`${countName}-title`}>{t('layout.title')}</h2>
      <PageChoice choice={choice} legend="layout.forPage" />
      <fieldset className="photo-count">
        <legend>{t('layout.photoCount')}</legend>
        {PHOTO_COUNTS.map((n) => (
          <label key={n}>
            <input
              type="radio"
              name={countName}
              checked={n === count}
              onChange={() => setAsked({ pageId, count: n })}
            />
            {n}
          </label>
        ))}
      </fieldset>
      {templates.length === 0 ? (
        <p className="note">{t('layout.none')}</p>
      ) : (
        <ul className="layout-list">
          {templates.map((template, i) => (
            <li key={template.id}>
              <LayoutButton
                template={template}
                panel={panel}
                label={t('layout.option', {
                  n: i + 1,
                  photos: template.photoCount,
                  texts: template.textCount,
                })}
                current={template.id === current?.id}
                onApply={apply}
              />
            </li>
          ))}
        </ul>
      )}
      <p className="note" role="status">
        {notice}
      </p>
    </section>
  );
}

interface LayoutButtonProps {
  template: LayoutTemplate;
  panel: PagePanel;
  label: string;
  current: boolean;
  onApply(template: LayoutTemplate): void;
}

/** One layout as a small picture of its frames on this page's shape; drawn again only for a new page. */
const LayoutButton = memo(function LayoutButton(props: LayoutButtonProps) {
  const { template, panel } = props;
  const thumb = useMemo(() => thumbnailOf(template, panel), [template, panel]);
  const { width, height } = thumb.page;
  return (
    <button
      className="layout-option"
      aria-label={props.label}
      aria-pressed={props.current}
      title={props.label}
      data-template-id={template.id}
      onClick={() => props.onApply(template)}
    >
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={THUMB_WIDTH_PX}
        height={(THUMB_WIDTH_PX * height) / width}
        aria-hidden="true"
      >
        <rect className="layout-page" x={0} y={0} width={width} height={height} />
        {thumb.rects.map((rect, i) => (
          <rect
            key={i}
            className={rect.role === 'photo' ? 'layout-photo' : 'layout-text'}
            x={rect.box.x}
            y={rect.box.y}
            width={rect.box.width}
            height={rect.box.height}
          />
        ))}
      </svg>
    </button>
  );
});
