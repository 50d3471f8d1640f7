import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import type { PhotoAsset } from '../../src/model/book';
import type { PhotoPrint } from '../../src/catalog/kinds/print';
import { MAX_QUANTITY, paperOf, type PrintItem } from '../../src/model/prints';
import { photoStyle } from '../../src/model/crop';
import type { Orientation } from '../../src/geometry/flat';
import { LabelledSelect } from './LabelledSelect';

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
        <LabelledSelect
          label={t('prints.size')}
          value={item.sizeId}
          options={product.sizes.map((size) => size.id)}
          optionLabel={(size) => t('prints.sizeOption', { size })}
          onChange={(sizeId) => set({ sizeId })}
        />
        <LabelledSelect
          label={t('prints.finish')}
          value={item.finish}
          options={product.finishes}
          optionLabel={(f) => t(`prints.finish.${f}`)}
          onChange={(finish) => set({ finish })}
        />
        <LabelledSelect
          label={t('prints.fit')}
          value={item.fit}
          options={product.fits}
          optionLabel={(f) => t(`prints.fit.${f}`)}
          onChange={(fit) => set({ fit })}
        />
        <LabelledSelect
          label={t('prints.orientation')}
          value={item.orientation}
          options={ORIENTATIONS}
          optionLabel={(o) => t(`orientation.${o}`)}
          onChange={(orientation) => set({ orientation })}
        />
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
