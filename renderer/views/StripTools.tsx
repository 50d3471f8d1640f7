import { useId } from 'react';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import type { PhotoBook } from '../../src/catalog/catalog';
import { CommandButton } from './CommandButton';
import './pages.css';

/**
 * Above the page strip: how many pages the book has, within which limits, and the buttons that
 * add, remove and move spreads (the same registered commands as the keys).
 */
export function StripTools({ product }: { product: PhotoBook }) {
  const t = useT();
  const pageCount = useAppStore((s) => s.book?.options.pageCount ?? 0);
  const limitsId = useId();
  const { min, max, step } = product.pages;
  return (
    <div className="strip-tools">
      <span className="strip-count" aria-live="polite" aria-describedby={limitsId}>
        {t('pages.count', { count: pageCount })}
      </span>
      <span className="note" id={limitsId}>
        {t('pages.limits', { min, max, step })}
      </span>
      <CommandButton id="spread.add" />
      <CommandButton id="spread.remove" />
      <CommandButton id="spread.moveLeft" />
      <CommandButton id="spread.moveRight" />
    </div>
  );
}
