import { useState } from 'react';
import { catalog } from '../catalog';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { findProduct } from '../../src/catalog/catalog';
import type { PhotoPrint } from '../../src/catalog/kinds/print';
import {
  paperOf,
  printItems,
  printOptionsOf,
  printUsage,
  type Finish,
  type PrintItem,
} from '../../src/model/prints';
import { PhotoTray, type TraySource } from './PhotoTray';
import { CheckButton } from './preflight/CheckButton';
import { ProjectButtons } from './ProjectControls';
import { CropPreview } from './CropPreview';
import { PricePanel } from './PricePanel';
import { PrintRow } from './PrintRow';
import { LabelledSelect } from './LabelledSelect';

/**
 * Ordering prints as CEWE's print ordering does it: every photo added becomes a print at
 * 10x15, each line says size, finish, fill or fit and how many; the selected print's crop is
 * shown on its paper, and the price is itemised live, discounts included.
 */
export function PrintsEditor() {
  const t = useT();
  const prints = useAppStore((s) => s.prints);
  const selectedId = useAppStore((s) => s.selectedPrintId);
  const thumbnails = useAppStore((s) => s.thumbnails);
  const setView = useAppStore((s) => s.setView);
  if (!prints) return null;
  const product = findProduct(catalog, prints.productId, 'print');
  const items = printItems(prints);
  const store = useAppStore.getState;
  const source: TraySource = {
    assets: Object.values(prints.assets),
    uses: printUsage(prints),
    add: (assets) => store().importPrintPhotos(product, assets),
    pick: (assetId) => store().addPrint(product, assetId),
  };
  const selected = items.find((item) => item.id === selectedId) ?? items[0];
  const options = printOptionsOf(prints);
  const copies = items.reduce((sum, item) => sum + item.quantity, 0);

  return (
    <div className="designer prints-editor">
      <PhotoTray source={source} />
      <section className="workspace" aria-labelledby="prints-title">
        <div className="toolbar">
          <h2 id="prints-title">{t('prints.title')}</h2>
          <ProjectButtons />
          <span className="note">{t('prints.copies', { count: copies })}</span>
          <CheckButton />
          <button
            className="primary"
            disabled={items.length === 0}
            onClick={() => setView('checkout')}
          >
            {t('designer.checkout')}
          </button>
        </div>
        {items.length === 0 ? (
          <p className="note">{t('prints.empty')}</p>
        ) : (
          <>
            <ApplyToAll product={product} first={items[0]!} />
            <ol className="print-list">
              {items.map((item, index) => (
                <PrintRow
                  key={item.id}
                  item={item}
                  index={index}
                  product={product}
                  asset={prints.assets[item.assetId]!}
                  thumbnail={thumbnails[item.assetId]}
                  selected={item.id === selected?.id}
                />
              ))}
            </ol>
          </>
        )}
      </section>
      <aside className="inspector" aria-label={t('designer.price')}>
        {selected && <SelectedCrop product={product} item={selected} />}
        <PricePanel productId={product.id} options={options} />
      </aside>
    </div>
  );
}

/** "Apply to all": one size and one finish for every print at once. */
function ApplyToAll({ product, first }: { product: PhotoPrint; first: PrintItem }) {
  const t = useT();
  const editPrints = useAppStore((s) => s.editPrints);
  const [sizeId, setSizeId] = useState(first.sizeId);
  const [finish, setFinish] = useState<Finish>(first.finish);
  return (
    <fieldset className="apply-all">
      <legend>{t('prints.all')}</legend>
      <LabelledSelect
        label={t('prints.size')}
        value={sizeId}
        options={product.sizes.map((size) => size.id)}
        optionLabel={(size) => t('prints.sizeOption', { size })}
        onChange={setSizeId}
      />
      <LabelledSelect<Finish>
        label={t('prints.finish')}
        value={finish}
        options={product.finishes}
        optionLabel={(f) => t(`prints.finish.${f}`)}
        onChange={setFinish}
      />
      <button onClick={() => editPrints({ kind: 'applyToAll', patch: { sizeId, finish } })}>
        {t('prints.applyAll')}
      </button>
    </fieldset>
  );
}

/** The selected print on its paper: drag to pan, zoom; with fit, the white border. */
function SelectedCrop({ product, item }: { product: PhotoPrint; item: PrintItem }) {
  const t = useT();
  const asset = useAppStore((s) => s.prints?.assets[item.assetId]);
  const thumbnail = useAppStore((s) => s.thumbnails[item.assetId]);
  const editPrints = useAppStore((s) => s.editPrints);
  if (!asset) return null;
  const paper = paperOf(product, item);
  return (
    <section className="print-crop" aria-label={t('prints.edit')}>
      <h3>{t('prints.edit')}</h3>
      <CropPreview
        frameMm={paper.media}
        photo={asset}
        thumbnail={thumbnail}
        crop={item.crop}
        fit={item.fit === 'fit'}
        label={t('prints.preview', { name: asset.name, size: item.sizeId })}
        onCrop={(crop) => editPrints({ kind: 'setCrop', itemId: item.id, crop })}
      />
    </section>
  );
}
