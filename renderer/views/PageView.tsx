import type { CSSProperties, MouseEvent } from 'react';
import type { Frame, Page, PhotoAsset } from '../../src/model/book';
import type { PhotoBook } from '../../src/catalog/catalog';
import { photoStyle } from '../../src/model/crop';

interface Props {
  page: Page;
  /** The page's frames in drawing order, back to front. */
  frames: readonly Frame[];
  product: PhotoBook;
  assets: Record<string, PhotoAsset>;
  thumbnails: Record<string, string>;
  label: string;
  /** Drawn with an outline, so the customer sees what arrows and Delete will act on. */
  selectedFrameId: string | null;
  onActivate(): void;
  onContextMenu(event: MouseEvent): void;
}

/** Millimetres of a point (1/72 inch), for text sizes. */
const MM_PER_PT = 25.4 / 72;

/**
 * A page drawn to scale from the book's millimetres: frames as percentages of the trimmed page,
 * in z order and turned by their rotation, photos placed at their crop as the print places them.
 */
export function PageView({
  page,
  frames,
  product,
  assets,
  thumbnails,
  label,
  selectedFrameId,
  onActivate,
  onContextMenu,
}: Props) {
  const { width, height } = product.trimMm;
  const pct = (mm: number, of: number) => `${(mm / of) * 100}%`;
  const background = page.background.kind === 'colour' ? page.background.colour : undefined;
  return (
    <button
      className="page"
      style={{ aspectRatio: `${width} / ${height}`, background }}
      aria-label={label}
      onClick={onActivate}
      onContextMenu={onContextMenu}
    >
      {frames.map((frame) => {
        const box: CSSProperties = {
          left: pct(frame.xMm, width),
          top: pct(frame.yMm, height),
          width: pct(frame.widthMm, width),
          height: pct(frame.heightMm, height),
          transform: frame.rotationDeg ? `rotate(${frame.rotationDeg}deg)` : undefined,
        };
        if (frame.kind === 'text') {
          return (
            <span
              key={frame.id}
              className={frame.id === selectedFrameId ? 'text-frame selected' : 'text-frame'}
              style={{
                ...box,
                color: frame.colour,
                textAlign: frame.align,
                fontWeight: frame.bold ? 'bold' : undefined,
                fontStyle: frame.italic ? 'italic' : undefined,
                // cqw: the page is a size container, so type scales with the page as it prints.
                fontSize: `${((frame.sizePt * MM_PER_PT) / width) * 100}cqw`,
              }}
            >
              {frame.text}
            </span>
          );
        }
        const asset = frame.assetId ? assets[frame.assetId] : undefined;
        const src = frame.assetId ? thumbnails[frame.assetId] : undefined;
        return (
          <span
            key={frame.id}
            className={frame.id === selectedFrameId ? 'slot selected' : 'slot'}
            style={box}
          >
            {src && asset && (
              <img src={src} alt={asset.name} style={photoStyle(frame.crop, asset, frame)} />
            )}
          </span>
        );
      })}
    </button>
  );
}
