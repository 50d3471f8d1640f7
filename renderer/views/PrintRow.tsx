import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import type { PhotoAsset } from '../../src/model/book';
import type { PhotoPrint } from '../../src/catalog/kinds/print';
import {
  MAX_QUANTITY,
  paperOf,
  type Finish,
  type Fit,
  type PrintItem,
} from '../../src/model/prints';
import { photoStyle } from '../../src/model/crop';
import type { Orientation } from '../../src/geometry/flat';

interface Props {
  item: PrintItem;
  index: number;
  product: PhotoPrint;
  asset: PhotoAsset;
  thumbnail: string | undefined;
  selected: boolean;
}

const ORIENTATIONS: Orientation[] = ['portrait', 'landscape'];
/** The longer side of a print's miniature in the list, in screen pixels. */
const MINIATURE_PX = 72;

/** One print line: its photo, size, finish, fill or fit, which way up, and how many. */
export function PrintRow({ item, index, product, asset, thumbnail, selected }: Props) {
  const t = useT();
  const editPrints = useAppStore((s) => s.editPrints);
  const selectPrint = useAppStore((s) => s.selectPrint);
  const name = t('prints.item', { n: index + 1, name: asset.name });
  const set = (patch: Partial<Pick<PrintItem, 'sizeId' | 'finish' | 'fit' | 'orientation'>>) =>
    editPrints({ kind: 'setPrint', itemId: item.id, patch });
  const setQuantity = (quantity: number) =>
    editPrints({ kind: 'setQuantity', itemId: item.id, quantity });
  return (
    <li className={selected ? 'print-row selected' : 'print-row'} aria-label={name}>
      <button
        className="print-thumb"
        aria-pressed={selected}
        aria-label={`${t('prints.edit')}: ${name}`}
        onClick={() => selectPrint(item.id)}
      >
        <PrintMiniature item={item} product={product} asset={asset} thumbnail={thumbnail} />
      </button>
      <div className="print-fields">
        <span className="print-name" aria-hidden="true">
          {name}
        </span>
        <label>
          {t('prints.size')}
          <select value={item.sizeId} onChange={(e) => set({ sizeId: e.target.value })}>
            {product.sizes.map((size) => (
              <option key={size.id} value={size.id}>
                {t('prints.sizeOption', { size: size.id })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('prints.finish')}
          <select value={item.finish} onChange={(e) => set({ finish: e.target.value as Finish })}>
            {product.finishes.map((f) => (
              <option key={f} value={f}>
                {t(`prints.finish.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('prints.fit')}
          <select value={item.fit} onChange={(e) => set({ fit: e.target.value as Fit })}>
            {product.fits.map((f) => (
              <option key={f} value={f}>
                {t(`prints.fit.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('prints.orientation')}
          <select
            value={item.orientation}
            onChange={(e) => set({ orientation: e.target.value as Orientation })}
          >
            {ORIENTATIONS.map((o) => (
              <option key={o} value={o}>
                {t(`orientation.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="stepper" role="group" aria-label={t('prints.quantity')}>
          <button
            aria-label={t('prints.less')}
            disabled={item.quantity <= 1}
            onClick={() => setQuantity(item.quantity - 1)}
          >
            −
          </button>
          <label>
            <span className="visually-hidden">{t('prints.quantity')}</span>
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_QUANTITY}
              value={item.quantity}
              onChange={(e) => {
                // An emptied field is typing in progress, not a quantity of 1.
                if (e.target.value !== '') setQuantity(Number(e.target.value));
              }}
            />
          </label>
          <button
            aria-label={t('prints.more')}
            disabled={item.quantity >= MAX_QUANTITY}
            onClick={() => setQuantity(item.quantity + 1)}
          >
            +
          </button>
        </span>
        <button
          className="remove"
          onClick={() => editPrints({ kind: 'removePrint', itemId: item.id })}
        >
          {t('prints.remove')}
        </button>
      </div>
    </li>
  );
}

/** The print as it will come out, small: its paper's shape, the crop, or the white border. */
function PrintMiniature({ item, product, asset, thumbnail }: Omit<Props, 'index' | 'selected'>) {
  const paper = paperOf(product, item).media;
  const scale = MINIATURE_PX / Math.max(paper.width, paper.height);
  const frame = { widthMm: paper.width, heightMm: paper.height };
  const fit = item.fit === 'fit';
  return (
    <span
      className="print-miniature"
      style={{ width: paper.width * scale, height: paper.height * scale }}
    >
      {thumbnail && (
        <img
          src={thumbnail}
          alt=""
          className={fit ? 'crop-photo fit' : 'crop-photo'}
          style={fit ? undefined : photoStyle(item.crop, asset, frame)}
        />
      )}
    </span>
  );
}
