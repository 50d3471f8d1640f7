import type { Frame, PhotoAsset } from '../../../src/model/book';
import type { SnapGuide } from '../../../src/geometry/snap';
import { HANDLES, type Handle } from '../../../src/model/frame-edits';
import { frameBoxOnSurface, placedPageOf } from '../../../src/model/frame-place';
import { photoStyle } from '../../../src/model/crop';
import { zoomPhoto } from '../../../src/model/photo-edits';
import type { BookSurface } from '../../../src/model/surfaces';
import { useAppStore } from '../../stores/app-store';
import { useT } from '../../i18n';
import { startPhotoDrag } from './photo-drag';

/** The slider's range; the wheel may go further, up to the core's MAX_ZOOM. */
const SLIDER_MAX_ZOOM = 5;

interface Props {
  placed: BookSurface;
  pxPerMm: number;
  /** The selected frame, if it lies on this surface. */
  frame: Frame | undefined;
  guides: readonly SnapGuide[];
  cropping: boolean;
  asset: PhotoAsset | undefined;
  thumbnail: string | undefined;
  onHandlePointerDown(frame: Frame, kind: Handle | 'rotate', event: React.PointerEvent): void;
  onCropDone(): void;
}

/**
 * Drawn over the open surface: the selected frame's eight resize handles and its rotate handle
 * (turned with the frame), a grip to drag its photo onto another frame, the snapping guides while
 * dragging, and in crop mode the whole photo faint round the frame with a zoom slider.
 */
export function SelectionHandles(props: Props) {
  const { placed, pxPerMm, frame, guides } = props;
  const page = frame && placedPageOf(placed, frame.pageId);
  return (
    <div className="selection-layer">
      {guides.map((g) => (
        <div
          key={`${g.axis}${g.at}`}
          className={`snap-guide snap-${g.kind}`}
          data-testid="snap-guide"
          style={
            g.axis === 'x'
              ? { left: g.at * pxPerMm, top: g.from * pxPerMm, height: (g.to - g.from) * pxPerMm }
              : { top: g.at * pxPerMm, left: g.from * pxPerMm, width: (g.to - g.from) * pxPerMm }
          }
        />
      ))}
      {frame && page && <Selection {...props} frame={frame} page={page} />}
    </div>
  );
}

function Selection(props: Props & { frame: Frame; page: BookSurface['pages'][number] }) {
  const t = useT();
  const { frame, page, pxPerMm, cropping, asset, thumbnail } = props;
  const box = frameBoxOnSurface(frame, page);
  const style = {
    left: box.x * pxPerMm,
    top: box.y * pxPerMm,
    width: box.width * pxPerMm,
    height: box.height * pxPerMm,
    transform: frame.rotationDeg ? `rotate(${frame.rotationDeg}deg)` : undefined,
  };
  const photo = frame.kind === 'photo' && frame.assetId && asset ? frame : null;
  return (
    <>
      <div className={cropping ? 'selection cropping' : 'selection'} style={style}>
        {cropping && photo && thumbnail && asset && (
          <img
            className="crop-ghost"
            src={thumbnail}
            alt=""
            draggable={false}
            style={photoStyle(photo.crop, asset, photo)}
          />
        )}
        {!cropping &&
          HANDLES.map((handle) => (
            <button
              key={handle}
              type="button"
              tabIndex={-1}
              className={`handle handle-${handle}`}
              data-handle={handle}
              aria-label={t('frames.resizeHandle', { handle })}
              onPointerDown={(e) => props.onHandlePointerDown(frame, handle, e)}
            />
          ))}
        {!cropping && (
          <button
            type="button"
            tabIndex={-1}
            className="handle handle-rotate"
            data-handle="rotate"
            aria-label={t('frames.rotateHandle')}
            title={t('frames.rotation', { deg: frame.rotationDeg })}
            onPointerDown={(e) => props.onHandlePointerDown(frame, 'rotate', e)}
          />
        )}
        {!cropping && photo && (
          <button
            type="button"
            tabIndex={-1}
            className="photo-grip"
            aria-label={t('frames.photoGrip')}
            title={t('frames.photoGrip')}
            onPointerDown={(e) => {
              e.stopPropagation();
              startPhotoDrag(e, { fromFrameId: frame.id }, thumbnail);
            }}
          >
            ⇄
          </button>
        )}
      </div>
      {cropping && photo && (
        <CropControls frameId={frame.id} zoom={photo.crop.zoom} onDone={props.onCropDone} />
      )}
    </>
  );
}

/**
 * The zoom slider and the button that takes the crop, at the top of the surface in crop mode
 * (a frame filling the page leaves no room beside it).
 */
function CropControls(props: { frameId: string; zoom: number; onDone(): void }) {
  const t = useT();
  return (
    <div className="crop-controls" role="group" aria-label={t('frames.cropHint')}>
      <label>
        {t('frames.cropZoom')}
        <input
          type="range"
          min={1}
          max={SLIDER_MAX_ZOOM}
          step={0.01}
          value={Math.min(props.zoom, SLIDER_MAX_ZOOM)}
          onChange={(e) => {
            const zoom = Number(e.target.value);
            useAppStore.getState().updateGesture((book) => zoomPhoto(book, props.frameId, zoom));
          }}
        />
      </label>
      <button type="button" onClick={props.onDone}>
        {t('frames.cropDone')}
      </button>
    </div>
  );
}
