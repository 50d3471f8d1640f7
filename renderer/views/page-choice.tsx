import { useId, useState } from 'react';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import type { MessageKey } from '../../src/i18n/translate';
import type { PlacedPage } from '../../src/model/surfaces';
import { pageLabel } from './spread/labels';
import type { BookView } from './spread/use-book-view';

/** The page a panel acts on, and the pages of the open surface it may choose from. */
export interface PageChoiceState {
  pages: readonly PlacedPage[];
  page: PlacedPage | undefined;
  choose(pageId: string): void;
}

/**
 * Which page of the open spread a panel (layout, background) acts on: the one the customer
 * chose in the panel, else the page of the selected frame, else the left page. A choice for a
 * page that is no longer open falls back, so paging through the book needs no reset.
 */
export function usePageChoice(view: BookView): PageChoiceState {
  const surfaceIndex = useAppStore((s) => s.surfaceIndex);
  const selectedFrameId = useAppStore((s) => s.selectedFrameId);
  const [chosen, setChosen] = useState<string | null>(null);
  const pages = view.surfaces[surfaceIndex]?.pages ?? [];
  const selectedPage = selectedFrameId ? view.book.frames[selectedFrameId]?.pageId : undefined;
  const page =
    pages.find((p) => p.pageId === chosen) ??
    pages.find((p) => p.pageId === selectedPage) ??
    pages[0];
  return { pages, page, choose: setChosen };
}

/** Radio buttons for the pages of the open surface; nothing when it has only one page. */
export function PageChoice({ choice, legend }: { choice: PageChoiceState; legend: MessageKey }) {
  const t = useT();
  const name = useId();
  if (choice.pages.length < 2) return null;
  return (
    <fieldset className="page-choice">
      <legend>{t(legend)}</legend>
      {choice.pages.map((placed) => (
        <label key={placed.pageId}>
          <input
            type="radio"
            name={name}
            checked={placed.pageId === choice.page?.pageId}
            onChange={() => choice.choose(placed.pageId)}
          />
          {pageLabel(t, placed)}
        </label>
      ))}
    </fieldset>
  );
}
