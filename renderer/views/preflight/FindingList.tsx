import { useId } from 'react';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import type { Finding } from '../../../src/preflight/findings';
import { groupTitle, groupWhy, grouped, itemLabel, toneOf } from './finding-words';

/** Places listed per group; a 200-page book of empty frames would otherwise list hundreds. */
const LISTED = 12;
/** Groups whose places are bare page names ("Seite 3") list them side by side, more of them. */
const LISTED_COMPACT = 40;

interface Props {
  findings: readonly Finding[];
  /** A place was chosen: show it in the designer. */
  onJump(finding: Finding): void;
}

/**
 * The findings grouped by what they mean for the print, worst first: each group says it in the
 * customer's words with what to do, then lists its places ("Seite 5 · Strand.jpg · 120 dpi"),
 * each a button that shows the place in the book.
 */
export function FindingList({ findings, onJump }: Props) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  return (
    <div className="finding-list">
      {grouped(findings).map(([group, list]) => (
        <FindingGroup
          key={group}
          title={groupTitle(t, group)}
          why={groupWhy(t, group, list[0]!, locale)}
          tone={toneOf(list[0]!.severity)}
          list={list}
          onJump={onJump}
        />
      ))}
    </div>
  );
}

function FindingGroup(props: {
  title: string;
  why: string;
  tone: string;
  list: Finding[];
  onJump(finding: Finding): void;
}) {
  const t = useT();
  const headingId = useId();
  const { list } = props;
  const compact = list.every((f) => f.kind !== 'resolution' && f.kind !== 'photoMissing');
  const listed = compact ? LISTED_COMPACT : LISTED;
  return (
    <section className={`finding-group tone-${props.tone}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        <span className="finding-dot" aria-hidden="true" />
        {props.title} <span className="finding-count">({list.length})</span>
      </h3>
      <p className="finding-why">{props.why}</p>
      <ul className={compact ? 'compact' : undefined}>
        {list.slice(0, listed).map((finding, i) => (
          <li key={i}>
            {finding.place.kind === 'page' || finding.place.kind === 'print' ? (
              <button type="button" className="finding-jump" onClick={() => props.onJump(finding)}>
                {itemLabel(t, finding)}
              </button>
            ) : (
              <span>{itemLabel(t, finding)}</span>
            )}
          </li>
        ))}
        {list.length > listed && (
          <li className="finding-more">{t('preflight.more', { count: list.length - listed })}</li>
        )}
      </ul>
    </section>
  );
}
