import type { Page, PhotoAsset } from '../../src/model/book';
import type { PhotoBook } from '../../src/catalog/catalog';

interface Props {
  page: Page;
  product: PhotoBook;
  assets: Record<string, PhotoAsset>;
  thumbnails: Record<string, string>;
  label: string;
  onActivate(): void;
}

/**
 * A page drawn to scale from the book's millimetres: frames as percentages
 * of the trimmed page, photos cropped as the print will crop them.
 */
export function PageView({ page, product, assets, thumbnails, label, onActivate }: Props) {
  const { width, height } = product.trimMm;
  const pct = (mm: number, of: number) => `${(mm / of) * 100}%`;
  return (
    <button
      className="page"
      style={{ aspectRatio: `${width} / ${height}` }}
      aria-label={label}
      onClick={onActivate}
    >
      {page.slots.map((slot) => {
        const src = slot.assetId ? thumbnails[slot.assetId] : undefined;
        const asset = slot.assetId ? assets[slot.assetId] : undefined;
        return (
          <span
            key={slot.id}
            className="slot"
            style={{
              left: pct(slot.xMm, width),
              top: pct(slot.yMm, height),
              width: pct(slot.widthMm, width),
              height: pct(slot.heightMm, height),
            }}
          >
            {src && (
              <img
                src={src}
                alt={asset?.name ?? ''}
                style={{
                  width: `${100 / slot.crop.w}%`,
                  height: `${100 / slot.crop.h}%`,
                  left: `${(-slot.crop.x / slot.crop.w) * 100}%`,
                  top: `${(-slot.crop.y / slot.crop.h) * 100}%`,
                }}
              />
            )}
          </span>
        );
      })}
    </button>
  );
}
