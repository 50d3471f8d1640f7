import { memo, useCallback } from 'react';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import type { BookSurface } from '../../src/model/surfaces';
import { SpreadView } from './spread/SpreadView';
import { surfaceLabel } from './spread/labels';
import type { BookView } from './spread/use-book-view';

/** Thumbnail height in CSS pixels: a spread of a 30x30 book is then about 140 px wide. */
const THUMB_HEIGHT_PX = 68;

/**
 * Every surface of the book small, cover first, drawn by the same SpreadView as the stage, so a
 * thumbnail always shows what the page holds. A click opens the surface.
 */
export function PageStrip({ view }: { view: BookView }) {
  const t = useT();
  const surfaceIndex = useAppStore((s) => s.surfaceIndex);
  const thumbnails = useAppStore((s) => s.thumbnails);
  const open = useCallback((index: number) => useAppStore.getState().openSurface(index), []);
  return (
    <nav className="strip" aria-label={t('designer.strip')}>
      <ol>
        {view.surfaces.map((placed, index) => (
          <li key={placed.surface.id}>
            <StripItem
              placed={placed}
              index={index}
              current={index === surfaceIndex}
              label={surfaceLabel(t, placed)}
              view={view}
              thumbnails={thumbnails}
              onOpen={open}
            />
          </li>
        ))}
      </ol>
    </nav>
  );
}

interface StripItemProps {
  placed: BookSurface;
  index: number;
  current: boolean;
  label: string;
  view: BookView;
  thumbnails: Record<string, string>;
  onOpen(index: number): void;
}

const StripItem = memo(function StripItem(props: StripItemProps) {
  const { placed, view } = props;
  return (
    <button
      className={props.current ? 'strip-item current' : 'strip-item'}
      aria-current={props.current ? 'page' : undefined}
      onClick={() => props.onOpen(props.index)}
    >
      <span className="strip-thumb" aria-hidden="true">
        <SpreadView
          placed={placed}
          pages={view.book.pages}
          framesOf={view.framesOf}
          assets={view.book.assets}
          thumbnails={props.thumbnails}
          pxPerMm={THUMB_HEIGHT_PX / placed.surface.media.height}
        />
      </span>
      <span className="strip-label">{props.label}</span>
    </button>
  );
});
