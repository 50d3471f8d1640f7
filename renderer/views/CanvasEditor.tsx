import { catalog } from '../catalog';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { findProduct } from '../../src/catalog/catalog';
import type { Canvas as CanvasProduct } from '../../src/catalog/kinds/canvas';
import { canvasOptionsOf, canvasSurfaceOf, type CanvasDoc } from '../../src/model/canvas';
import type { CanvasSurface } from '../../src/geometry/surface';
import type { Orientation } from '../../src/geometry/flat';
import { PhotoTray, type TraySource } from './PhotoTray';
import { CheckButton } from './preflight/CheckButton';
import { ProjectButtons } from './ProjectControls';
import { CropPreview } from './CropPreview';
import { PricePanel } from './PricePanel';
import { LabelledSelect } from './LabelledSelect';

const ORIENTATIONS: Orientation[] = ['portrait', 'landscape'];
/** A canvas is the one thing on its screen: its preview may be large. */
const CANVAS_PREVIEW_PX = 640;

/**
 * A canvas: one photo on one size. The preview is the whole printed surface, the front with the
 * edge that runs round the frame and the strip that folds round the back drawn as bands, so the
 * customer sees what ends up on the sides.
 */
export function CanvasEditor() {
  const t = useT();
  const canvas = useAppStore((s) => s.canvas);
  const thumbnails = useAppStore((s) => s.thumbnails);
  const editCanvas = useAppStore((s) => s.editCanvas);
  const setView = useAppStore((s) => s.setView);
  const locale = useAppStore((s) => s.locale);
  if (!canvas) return null;
  const product = findProduct(catalog, canvas.productId, 'canvas');
  const source: TraySource = {
    assets: Object.values(canvas.assets),
    uses: canvas.assetId ? { [canvas.assetId]: 1 } : {},
    add: (assets) => editCanvas({ kind: 'addPhotos', assets }),
    selectedId: canvas.assetId,
    pick: (assetId) => editCanvas({ kind: 'placePhoto', assetId }),
  };
  const asset = canvas.assetId ? canvas.assets[canvas.assetId] : undefined;
  const surface = canvasSurfaceOf(product, canvas);
  const options = canvasOptionsOf(canvas);

  return (
    <div className="designer canvas-editor">
      <PhotoTray source={source} />
      <section className="workspace" aria-labelledby="canvas-title">
        <div className="toolbar">
          <h2 id="canvas-title">{t('canvas.title')}</h2>
          <ProjectButtons />
          {asset && <span className="note">{t('canvas.photo', { name: asset.name })}</span>}
          <CheckButton />
          <button className="primary" disabled={!asset} onClick={() => setView('checkout')}>
            {t('designer.checkout')}
          </button>
        </div>
        <CanvasOptionsForm product={product} canvas={canvas} />
        {asset ? (
          <>
            <CropPreview
              frameMm={surface.media}
              photo={asset}
              thumbnail={thumbnails[asset.id]}
              crop={canvas.crop}
              label={t('canvas.preview', { size: canvas.sizeId, name: asset.name })}
              onCrop={(crop) => editCanvas({ kind: 'setCrop', crop })}
              sizePx={CANVAS_PREVIEW_PX}
              overlay={<WrapBands surface={surface} />}
            />
            <p className="note">
              {t('canvas.wrapNote', {
                depth: new Intl.NumberFormat(locale).format(product.frameDepthMm / 10),
              })}
            </p>
          </>
        ) : (
          <p className="note">{t('canvas.needPhoto')}</p>
        )}
      </section>
      <aside className="inspector" aria-label={t('designer.price')}>
        <PricePanel productId={product.id} options={options} />
      </aside>
    </div>
  );
}

function CanvasOptionsForm({ product, canvas }: { product: CanvasProduct; canvas: CanvasDoc }) {
  const t = useT();
  const editCanvas = useAppStore((s) => s.editCanvas);
  return (
    <div className="canvas-options">
      <LabelledSelect
        label={t('canvas.size')}
        value={canvas.sizeId}
        options={product.sizes.map((size) => size.id)}
        optionLabel={(size) => t('canvas.sizeOption', { size })}
        onChange={(sizeId) => editCanvas({ kind: 'setSize', sizeId })}
      />
      <LabelledSelect
        label={t('canvas.orientation')}
        value={canvas.orientation}
        options={ORIENTATIONS}
        optionLabel={(o) => t(`orientation.${o}`)}
        onChange={(orientation) => editCanvas({ kind: 'setOrientation', orientation })}
      />
    </div>
  );
}

/**
 * The wrap as bands over the photo, in the surface's millimetres: hatched where the image runs
 * round the frame's sides (the frame's depth), dark where it folds round the back; the front
 * face's edge as a dashed line.
 */
function WrapBands({ surface }: { surface: CanvasSurface }) {
  const { trim, media } = surface;
  // The sides end where the fold round the back begins: at the frame edges' outer sides.
  const back = Math.min(...surface.edges.map((e) => Math.min(e.x, e.y)));
  const hatch = media.width / 50;
  return (
    <svg
      className="wrap-bands"
      viewBox={`0 0 ${media.width} ${media.height}`}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      <defs>
        <pattern id="wrap-hatch" width={hatch} height={hatch} patternUnits="userSpaceOnUse">
          <path
            d={`M0 ${hatch} L${hatch} 0`}
            stroke="rgba(255,255,255,0.8)"
            strokeWidth="1.5"
            vectorEffect="non-scaling-stroke"
          />
        </pattern>
        <mask id="wrap-sides">
          <rect width={media.width} height={media.height} fill="white" />
          <rect x={trim.x} y={trim.y} width={trim.width} height={trim.height} fill="black" />
        </mask>
        <mask id="wrap-back">
          <rect width={media.width} height={media.height} fill="white" />
          <rect
            x={back}
            y={back}
            width={media.width - 2 * back}
            height={media.height - 2 * back}
            fill="black"
          />
        </mask>
      </defs>
      <rect
        width={media.width}
        height={media.height}
        fill="rgba(0,0,0,0.25)"
        mask="url(#wrap-sides)"
      />
      <rect
        width={media.width}
        height={media.height}
        fill="url(#wrap-hatch)"
        mask="url(#wrap-sides)"
      />
      <rect
        width={media.width}
        height={media.height}
        fill="rgba(0,0,0,0.65)"
        mask="url(#wrap-back)"
      />
      <rect
        x={trim.x}
        y={trim.y}
        width={trim.width}
        height={trim.height}
        fill="none"
        stroke="white"
        strokeDasharray="6 4"
        strokeWidth="1.5"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
