import { useT } from '../../i18n';
import type { Finding } from '../../../src/preflight/findings';
import { badgeOf, toneOf } from './finding-words';
import './preflight.css';

/**
 * The mark on a frame whose finding can't be seen by looking at it (a photo that will print
 * blurry, a photo missing, text near the cut): a short word in the frame's corner, the whole
 * finding with its dpi for screen readers through the frame's description (`describedBy`).
 */
export function FindingBadge({ finding, id }: { finding: Finding; id: string }) {
  const t = useT();
  const words = badgeOf(t, finding);
  if (!words) return null;
  return (
    // The word and the mark are drawn from `data-label` by CSS: no text inside the frame's
    // element, whose accessible name must hold all its visible text (axe
    // label-content-name-mismatch), and the finding is read as its description instead.
    <span className={`finding-badge tone-${toneOf(finding.severity)}`} data-label={words.short}>
      {/* Hidden, yet read as the frame's description: aria-describedby reaches hidden text. */}
      <span id={id} hidden>
        {words.long}
      </span>
    </span>
  );
}
