import { useAppStore } from '../../stores/app-store';
import { useT } from '../../i18n';
import { effectiveDpi, tierOf } from '../../../src/preflight/resolution';
import type { BookView } from '../spread/use-book-view';
import './preflight.css';

const TONE = { good: 'info', ok: 'info', warn: 'warn', low: 'bad' } as const;

/**
 * How well the selected photo prints where it is, in words ("Gut", "Ausreichend", "Könnte
 * unscharf wirken", "Zu geringe Auflösung: wird unscharf") with its dpi as the detail, updated
 * as the frame is resized or the photo zoomed: the same figure the pre-order check lists.
 */
export function ResolutionNote({ view }: { view: BookView }) {
  const t = useT();
  const selectedFrameId = useAppStore((s) => s.selectedFrameId);
  const frame = selectedFrameId ? view.book.frames[selectedFrameId] : undefined;
  const asset = frame?.kind === 'photo' && frame.assetId ? view.book.assets[frame.assetId] : null;
  if (frame?.kind !== 'photo' || !asset) return null;
  const dpi = effectiveDpi(asset, frame.crop, frame.widthMm, frame.heightMm);
  const tier = tierOf(dpi);
  return (
    <section className="resolution-note" aria-labelledby="resolution-note-title">
      <h2 id="resolution-note-title">{t('preflight.quality')}</h2>
      <p className={`tone-${TONE[tier]}`}>
        <span className="finding-dot" aria-hidden="true" />
        <span>
          {t(`preflight.tier.${tier}`)}{' '}
          <span className="note">{t('preflight.dpi', { dpi: Math.floor(dpi) })}</span>
        </span>
      </p>
    </section>
  );
}
