import { memo, type HTMLAttributes, type Ref } from 'react';
import type { Frame, Page, PhotoAsset } from '../../../src/model/book';
import type { Finding } from '../../../src/preflight/findings';
import { paintedBoxes, type BookSurface, type PlacedPage } from '../../../src/model/surfaces';
import { Bands } from './Bands';
import { FrameView } from './FrameView';
import { pxBox } from './geometry';
import { backgroundImageStyle } from '../background-style';

export interface SpreadViewProps {
  placed: BookSurface;
  pages: Record<string, Page>;
  /** Each page's frames back to front; the same array while the page is unchanged (for memo). */
  framesOf(pageId: string): readonly Frame[];
  assets: Record<string, PhotoAsset>;
  thumbnails: Record<string, string>;
  pxPerMm: number;
  selectedFrameId?: string | null;
  /** Names of pages and frames, for the editing view; thumbnails pass none. */
  pageLabel?(placed: PlacedPage): string;
  frameLabel?(frame: Frame, pageLabel: string): string;
  /** Handlers that make the view editable: per page (drops, clicks on empty paper), per frame. */
  pageHandlers?(placed: PlacedPage): HTMLAttributes<HTMLDivElement>;
  frameHandlers?(frame: Frame, placed: PlacedPage): HTMLAttributes<HTMLDivElement>;
  /** The pre-order check's mark of a frame, if any; thumbnails pass none. */
  findingOf?(frameId: string): Finding | undefined;
  /** Drawn above the frames in surface pixels: selection handles, snapping guides. */
  overlay?: React.ReactNode;
  /** Production marks (bleed, safe area, binding); thumbnails leave them out. */
  bands?: boolean;
  surfaceRef?: Ref<HTMLDivElement>;
}

/**
 * One printed surface of the book (the cover wrap, a spread, or a single first or last page) drawn
 * from the shared geometry at the customer's zoom: page backgrounds into the bleed, every frame
 * where the print puts it, and the production marks over them. The page strip draws the same
 * component small and inert, so a thumbnail is never a different picture from the page.
 */
export const SpreadView = memo(function SpreadView(props: SpreadViewProps) {
  const { placed, pxPerMm, bands = false } = props;
  const { media } = placed.surface;
  return (
    <div
      ref={props.surfaceRef}
      className="surface"
      data-surface-id={placed.surface.id}
      style={{ width: media.width * pxPerMm, height: media.height * pxPerMm }}
    >
      {placed.pages.map((placedPage, i) => {
        const page = props.pages[placedPage.pageId];
        if (!page) return null;
        return (
          <PageLayer
            key={placedPage.pageId}
            placed={placed}
            index={i}
            page={page}
            frames={props.framesOf(page.id)}
            pxPerMm={pxPerMm}
            assets={props.assets}
            thumbnails={props.thumbnails}
            selectedFrameId={props.selectedFrameId ?? null}
            pageLabel={props.pageLabel}
            frameLabel={props.frameLabel}
            pageHandlers={props.pageHandlers}
            frameHandlers={props.frameHandlers}
            findingOf={props.findingOf}
          />
        );
      })}
      {bands && <Bands surface={placed.surface} pxPerMm={pxPerMm} />}
      {props.overlay}
    </div>
  );
}, sameSurface);

/**
 * Whether a surface would draw the same: every prop the same, except that `pages` and `framesOf`
 * only need to give the same records and arrays for this surface's own pages. Every change to
 * the book makes a new pages record and a new `framesOf`, so without this each of the strip's
 * hundred thumbnails would draw again on every pointer move of a drag elsewhere.
 */
function sameSurface(before: SpreadViewProps, after: SpreadViewProps): boolean {
  const keys = Object.keys(after) as (keyof SpreadViewProps)[];
  if (keys.length !== Object.keys(before).length) return false;
  for (const key of keys) {
    if (key !== 'pages' && key !== 'framesOf' && before[key] !== after[key]) return false;
  }
  return after.placed.pages.every(
    ({ pageId }) =>
      before.pages[pageId] === after.pages[pageId] &&
      before.framesOf(pageId) === after.framesOf(pageId),
  );
}

interface PageLayerProps extends Pick<
  SpreadViewProps,
  | 'placed'
  | 'pxPerMm'
  | 'assets'
  | 'thumbnails'
  | 'pageLabel'
  | 'frameLabel'
  | 'pageHandlers'
  | 'frameHandlers'
  | 'findingOf'
> {
  /** Which of the surface's pages this is. */
  index: number;
  page: Page;
  frames: readonly Frame[];
  selectedFrameId: string | null;
}

/**
 * A page's background box with its frames; frames may reach past it (into the facing page).
 * Memoised on its own page and frames, so a change elsewhere in the book does not redraw it.
 */
const PageLayer = memo(function PageLayer(props: PageLayerProps) {
  const { placed, index, page, pxPerMm, assets, thumbnails, selectedFrameId } = props;
  const placedPage = placed.pages[index]!;
  const box = paintedBoxes(placed.pages, placed.surface.media)[index]!;
  const label = props.pageLabel?.(placedPage);
  const background = page.background;
  const trim = placedPage.panel.trim;
  const originPx = { left: (trim.x - box.x) * pxPerMm, top: (trim.y - box.y) * pxPerMm };
  return (
    <div
      className="page-layer"
      role={label ? 'group' : undefined}
      aria-label={label}
      data-page-id={page.id}
      style={pxBox(box, pxPerMm)}
      {...props.pageHandlers?.(placedPage)}
    >
      <div
        className="page-background"
        style={{ background: background.kind === 'colour' ? background.colour : '#ffffff' }}
      >
        {background.kind === 'photo' && thumbnails[background.assetId] && (
          <img
            src={thumbnails[background.assetId]}
            alt=""
            decoding="async"
            draggable={false}
            style={backgroundImageStyle(placedPage, box, background, assets)}
          />
        )}
      </div>
      {props.frames.map((frame) => (
        <FrameView
          key={frame.id}
          frame={frame}
          originPx={originPx}
          pxPerMm={pxPerMm}
          asset={frame.kind === 'photo' && frame.assetId ? assets[frame.assetId] : undefined}
          thumbnail={
            frame.kind === 'photo' && frame.assetId ? thumbnails[frame.assetId] : undefined
          }
          selected={frame.id === selectedFrameId}
          label={label === undefined ? undefined : props.frameLabel?.(frame, label)}
          handlers={props.frameHandlers?.(frame, placedPage)}
          finding={props.findingOf?.(frame.id)}
        />
      ))}
    </div>
  );
});
