import { useCallback, useEffect, useRef, type MouseEvent } from 'react';
import { useElementSize } from '../use-element-size';
import { useAppStore } from '../../stores/app-store';
import { useT } from '../../i18n';
import type { Frame } from '../../../src/model/book';
import type { PlacedPage } from '../../../src/model/surfaces';
import { SpreadView } from './SpreadView';
import { fitScale } from './geometry';
import { frameLabel, pageLabel, surfaceLabel } from './labels';
import type { BookView } from './use-book-view';
import { useFrameGestures } from './use-frame-gestures';
import { SelectionHandles } from './SelectionHandles';
import { useFrameFindings } from '../preflight/use-preflight';

/** Room round a fitted surface; more than .stage-inner's 24 px padding. */
const FIT_MARGIN_PX = 32;

interface Props {
  view: BookView;
  /** A right click on a frame: the designer opens its context menu there. */
  onFrameMenu(at: { x: number; y: number }): void;
}

/**
 * The open surface, large, at the customer's zoom: 1 fits the whole surface in the window, more
 * scrolls. A click on a frame selects it (or, with a photo picked in the tray, puts the photo in
 * it); a click on bare paper lets go of the selection.
 */
export function SpreadStage({ view, onFrameMenu }: Props) {
  const t = useT();
  const surfaceIndex = useAppStore((s) => s.surfaceIndex);
  const zoom = useAppStore((s) => s.zoom);
  const selectedFrameId = useAppStore((s) => s.selectedFrameId);
  const thumbnails = useAppStore((s) => s.thumbnails);
  const viewport = useRef<HTMLDivElement>(null);
  const size = useElementSize(viewport);
  useCtrlWheelZoom(viewport);
  const placed = view.surfaces[Math.min(surfaceIndex, view.surfaces.length - 1)]!;
  // The fit leaves more room than the stage's padding, so a fitted surface never brings up
  // scrollbars (which would shrink the viewport, change the fit and loop).
  const pxPerMm = fitScale(placed.surface.media, size, FIT_MARGIN_PX) * zoom;
  const { assets } = view.book;
  const gestures = useFrameGestures(placed, pxPerMm);
  const { onFramePointerDown, onFrameDoubleClick, swallowClickAfterDrag } = gestures;
  const findingOf = useFrameFindings();

  const labelPage = useCallback((p: PlacedPage) => pageLabel(t, p), [t]);
  const labelFrame = useCallback(
    (frame: Frame, page: string) => frameLabel(t, frame, page, assets),
    [t, assets],
  );
  const frameHandlers = useCallback(
    (frame: Frame) => ({
      onClick: (event: MouseEvent) => {
        event.stopPropagation();
        activateFrame(frame);
      },
      onKeyDown: (event: React.KeyboardEvent) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        activateFrame(frame);
      },
      onContextMenu: (event: MouseEvent) => {
        event.preventDefault();
        event.stopPropagation();
        useAppStore.getState().selectFrame(frame.id);
        onFrameMenu({ x: event.clientX, y: event.clientY });
      },
      onPointerDown: (event: React.PointerEvent) => onFramePointerDown(frame, event),
      onDoubleClick: () => onFrameDoubleClick(frame),
      onClickCapture: swallowClickAfterDrag,
    }),
    [onFrameMenu, onFramePointerDown, onFrameDoubleClick, swallowClickAfterDrag],
  );
  const pageHandlers = useCallback(
    () => ({ onClick: () => useAppStore.getState().selectFrame(null) }),
    [],
  );

  return (
    <div className="stage" ref={viewport} aria-label={surfaceLabel(t, placed)} role="region">
      {size.width > 0 && (
        <div className="stage-inner">
          <SpreadView
            placed={placed}
            pages={view.book.pages}
            framesOf={view.framesOf}
            assets={assets}
            thumbnails={thumbnails}
            pxPerMm={pxPerMm}
            selectedFrameId={selectedFrameId}
            pageLabel={labelPage}
            frameLabel={labelFrame}
            pageHandlers={pageHandlers}
            frameHandlers={frameHandlers}
            findingOf={findingOf}
            bands
            surfaceRef={gestures.surfaceRef}
            overlay={
              <FrameOverlay view={view} placed={placed} pxPerMm={pxPerMm} gestures={gestures} />
            }
          />
        </div>
      )}
    </div>
  );
}

/** Select-then-click: a photo picked in the tray goes into the clicked photo frame. */
function activateFrame(frame: Frame) {
  const { selectedAssetId, placeInFrame, selectFrame } = useAppStore.getState();
  if (selectedAssetId && frame.kind === 'photo') placeInFrame(frame.id, selectedAssetId);
  else selectFrame(frame.id);
}

/**
 * Ctrl+wheel (and a touchpad pinch, which Chromium reports as one) zooms, as in every editor;
 * a plain wheel scrolls. Registered by hand because React's wheel listener is passive and could
 * not stop the browser from zooming the whole window.
 */
function useCtrlWheelZoom(ref: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      useAppStore.getState().perform(event.deltaY < 0 ? 'view.zoomIn' : 'view.zoomOut');
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [ref]);
}

/** The selected frame's handles and the snapping guides, over the open surface. */
function FrameOverlay(props: {
  view: BookView;
  placed: BookView['surfaces'][number];
  pxPerMm: number;
  gestures: ReturnType<typeof useFrameGestures>;
}) {
  const { view, gestures } = props;
  const selectedFrameId = useAppStore((s) => s.selectedFrameId);
  const thumbnails = useAppStore((s) => s.thumbnails);
  const frame = selectedFrameId ? view.book.frames[selectedFrameId] : undefined;
  const assetId = frame?.kind === 'photo' ? frame.assetId : null;
  return (
    <SelectionHandles
      placed={props.placed}
      pxPerMm={props.pxPerMm}
      frame={frame}
      guides={gestures.guides}
      cropping={gestures.croppingId !== null && gestures.croppingId === selectedFrameId}
      asset={assetId ? view.book.assets[assetId] : undefined}
      thumbnail={assetId ? thumbnails[assetId] : undefined}
      onHandlePointerDown={gestures.onHandlePointerDown}
      onCropDone={gestures.endCrop}
    />
  );
}
