import { useRef, type ReactNode } from 'react';
import type { Crop, PhotoAsset } from '../../src/model/book';
import { clampCrop, dragPhoto, MAX_ZOOM, photoStyle } from '../../src/model/crop';
import type { Size } from '../../src/geometry/box';
import { useT } from '../i18n';

/** The preview's longer side in screen pixels. */
const PREVIEW_PX = 360;
/** Arrow keys move the photo by this share of the frame; Shift moves it more. */
const KEY_STEP = 0.02;
const MAX_SLIDER_ZOOM = 4;

interface Props {
  /** The box the photo covers, in mm: a print's paper, a canvas's whole surface. */
  frameMm: Size;
  photo: PhotoAsset;
  thumbnail: string | undefined;
  crop: Crop;
  /** Fit: the whole photo inside the box on white, no crop (a print with a white border). */
  fit?: boolean;
  onCrop(crop: Crop): void;
  /** Accessible name of the preview, e.g. "Ausschnitt von IMG_1.jpg auf 10x15". */
  label: string;
  /** The preview's longer side in screen pixels at most (it shrinks with a narrow window). */
  sizePx?: number;
  /** Drawn over the photo, filling the box (a canvas's wrap bands). */
  overlay?: ReactNode;
}

/**
 * A photo on its paper or canvas at the customer's crop: drag (or arrow keys) to move it, a
 * slider (or + and -) to zoom. The core's crop arithmetic keeps the box always covered.
 */
export function CropPreview({
  frameMm,
  photo,
  thumbnail,
  crop,
  fit,
  onCrop,
  label,
  sizePx = PREVIEW_PX,
  overlay,
}: Props) {
  const t = useT();
  const drag = useRef<{ x: number; y: number; crop: Crop } | null>(null);
  const scale = sizePx / Math.max(frameMm.width, frameMm.height);
  const frame = { widthMm: frameMm.width, heightMm: frameMm.height };
  // The paper shrinks with a narrow window: screen pixels per mm are read where it is drawn.
  const move = (element: Element, dxPx: number, dyPx: number, from = crop) => {
    const pxPerMm = element.getBoundingClientRect().width / frameMm.width;
    onCrop(dragPhoto(from, photo, frame, dxPx / pxPerMm, dyPx / pxPerMm));
  };
  const image = thumbnail && (
    <img
      src={thumbnail}
      alt=""
      draggable={false}
      className={fit ? 'crop-photo fit' : 'crop-photo'}
      style={fit ? undefined : photoStyle(crop, photo, frame)}
    />
  );
  return (
    <div className="crop-preview">
      <div
        className={fit ? 'crop-paper fit' : 'crop-paper'}
        style={{
          width: `min(${frameMm.width * scale}px, 100%)`,
          aspectRatio: `${frameMm.width} / ${frameMm.height}`,
        }}
        role="img"
        aria-label={label}
        tabIndex={fit ? -1 : 0}
        data-testid="crop-preview"
        onPointerDown={(e) => {
          if (fit) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          drag.current = { x: e.clientX, y: e.clientY, crop };
        }}
        onPointerMove={(e) => {
          const start = drag.current;
          if (start) move(e.currentTarget, e.clientX - start.x, e.clientY - start.y, start.crop);
        }}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={(e) => {
          if (drag.current) onCrop(drag.current.crop);
          drag.current = null;
          e.currentTarget.releasePointerCapture(e.pointerId);
        }}
        onKeyDown={(e) => {
          if (fit) return;
          const { width, height } = e.currentTarget.getBoundingClientRect();
          const step = (e.shiftKey ? 5 : 1) * KEY_STEP;
          const keys: Record<string, [number, number]> = {
            ArrowLeft: [-step * width, 0],
            ArrowRight: [step * width, 0],
            ArrowUp: [0, -step * height],
            ArrowDown: [0, step * height],
          };
          const delta = keys[e.key];
          if (delta) {
            e.preventDefault();
            move(e.currentTarget, delta[0], delta[1]);
          } else if (e.key === '+' || e.key === '-') {
            e.preventDefault();
            onCrop(clampCrop({ ...crop, zoom: crop.zoom * (e.key === '+' ? 1.1 : 1 / 1.1) }));
          }
        }}
      >
        {image}
        {overlay}
      </div>
      {!fit && (
        <label className="crop-zoom">
          {t('crop.zoom')}
          <input
            type="range"
            min={1}
            max={Math.min(MAX_ZOOM, MAX_SLIDER_ZOOM)}
            step={0.05}
            value={crop.zoom}
            onChange={(e) => onCrop(clampCrop({ ...crop, zoom: Number(e.target.value) }))}
          />
        </label>
      )}
      <p className="note">{fit ? t('crop.fitNote') : t('crop.hint')}</p>
    </div>
  );
}
