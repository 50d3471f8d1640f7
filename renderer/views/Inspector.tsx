import { useT } from '../i18n';
import { PricePanel } from './PricePanel';
import { ArrangePanel } from './ArrangePanel';
import { TextPanel } from './TextPanel';
import { CoverPanel } from './CoverPanel';
import { LayoutPanel } from './LayoutPanel';
import { BackgroundPanel } from './BackgroundPanel';
import { ResolutionNote } from './preflight/ResolutionNote';
import type { BookView } from './spread/use-book-view';

/**
 * The right-hand panel: what can be set for the selection and the open spread, one panel per
 * feature, the price first because it is always there. Each panel decides itself whether it has
 * something to show.
 */
export function Inspector({ view }: { view: BookView }) {
  const t = useT();
  return (
    <aside className="inspector" aria-label={t('designer.inspector')}>
      <PricePanel productId={view.book.productId} options={view.book.options} />
      <ResolutionNote view={view} />
      <ArrangePanel />
      <TextPanel />
      <CoverPanel view={view} />
      <LayoutPanel view={view} />
      <BackgroundPanel view={view} />
    </aside>
  );
}
