import { catalog } from '../catalog';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { findProduct } from '../../src/catalog/catalog';
import type { Canvas as CanvasProduct } from '../../src/catalog/kinds/canvas';
import { canvasOptionsOf, canvasSurfaceOf, type CanvasDoc } from '../../src/model/canvas';
import type { CanvasSurface } from '../../src/geometry/surface';
import type { Orientation } from '../../src/geometry/flat';
import { PhotoTray, type TraySource } from './PhotoTray';
import { CropPreview } from './CropPreview';
import { PricePanel } from './PricePanel';

const ORIENTATIONS: Orientation[] = ['portrait', 'landscape'];

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
          {asset && <span className="note">{t('canvas.photo', { name: asset.name })}</span>}
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
              overlay={(pxPerMm) => <WrapBands surface={surface} pxPerMm={pxPerMm} />}
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
      <label>
        {t('canvas.size')}
        <select
          value={canvas.sizeId}
          onChange={(e) => editCanvas({ kind: 'setSize', sizeId: e.target.value })}
        >
          {product.sizes.map((size) => (
            <option key={size.id} value={size.id}>
              {t('canvas.sizeOption', { size: size.id })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('canvas.orientation')}
        <select
          value={canvas.orientation}
          onChange={(e) =>
            editCanvas({ kind: 'setOrientation', orientation: e.target.value as Orientation })
          }
        >
          {ORIENTATIONS.map((o) => (
            <option key={o} value={o}>
              {t(`orientation.${o}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/**
 * The wrap as bands over the photo: hatched where the image runs round the frame's sides (the
 * frame's depth), dark where it folds round the back; the front face's edge as a line.
 */
function WrapBands({ surface, pxPerMm }: { surface: CanvasSurface; pxPerMm: number }) {
  const px = (mm: number) => mm * pxPerMm;
  const { trim, media } = surface;
  // The sides end where the fold round the back begins: at the frame edges' outer sides.
  const back = Math.min(...surface.edges.map((e) => Math.min(e.x, e.y)));
  return (
    <svg
      className="wrap-bands"
      width={px(media.width)}
      height={px(media.height)}
      aria-hidden="true"
    >
      <defs>
        <pattern id="wrap-hatch" width="6" height="6" patternUnits="userSpaceOnUse">
          <path d="M0 6 L6 0" stroke="rgba(255,255,255,0.7)" strokeWidth="1.5" />
        </pattern>
        <mask id="wrap-sides">
          <rect width="100%" height="100%" fill="white" />
          <rect
            x={px(trim.x)}
            y={px(trim.y)}
            width={px(trim.width)}
            height={px(trim.height)}
            fill="black"
          />
        </mask>
        <mask id="wrap-back">
          <rect width="100%" height="100%" fill="white" />
          <rect
            x={px(back)}
            y={px(back)}
            width={px(media.width - 2 * back)}
            height={px(media.height - 2 * back)}
            fill="black"
          />
        </mask>
      </defs>
      <rect width="100%" height="100%" fill="rgba(0,0,0,0.25)" mask="url(#wrap-sides)" />
      <rect width="100%" height="100%" fill="url(#wrap-hatch)" mask="url(#wrap-sides)" />
      <rect width="100%" height="100%" fill="rgba(0,0,0,0.6)" mask="url(#wrap-back)" />
      <rect
        x={px(trim.x)}
        y={px(trim.y)}
        width={px(trim.width)}
        height={px(trim.height)}
        fill="none"
        stroke="white"
        strokeDasharray="6 4"
        strokeWidth="1.5"
      />
    </svg>
  );
}
