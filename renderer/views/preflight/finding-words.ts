import type { MessageKey, MessageParams } from '../../../src/i18n/translate';
import { atLeast, type Finding, type Place, type Severity } from '../../../src/preflight/findings';

type T = (key: MessageKey, params?: MessageParams) => string;

/**
 * What the customer reads for a finding: findings fall into groups that each say one thing in
 * their words ("Könnte unscharf wirken"), with the figures (dpi, page) as the detail.
 */
export type FindingGroup =
  | 'photoMissing'
  | 'pageCount'
  | 'nothingToPrint'
  | 'emptyCanvas'
  | 'resolutionLow'
  | 'textOverflow'
  | 'textBeyondTrim'
  | 'resolutionWarn'
  | 'emptyPhotoFrame'
  | 'textNearEdge'
  | 'spineTooThin'
  | 'resolutionOk';

/** Groups in the order the list shows them: what stops an order first, what is fine last. */
export const GROUP_ORDER: readonly FindingGroup[] = [
  'photoMissing',
  'pageCount',
  'nothingToPrint',
  'emptyCanvas',
  'resolutionLow',
  'textOverflow',
  'textBeyondTrim',
  'resolutionWarn',
  'emptyPhotoFrame',
  'textNearEdge',
  'spineTooThin',
  'resolutionOk',
];

export function groupOf(finding: Finding): FindingGroup {
  switch (finding.kind) {
    case 'resolution':
      return finding.tier === 'low'
        ? 'resolutionLow'
        : finding.tier === 'warn'
          ? 'resolutionWarn'
          : 'resolutionOk';
    case 'textOutsideSafeArea':
      return finding.beyondTrim ? 'textBeyondTrim' : 'textNearEdge';
    default:
      return finding.kind;
  }
}

/** Findings by group, groups in GROUP_ORDER, findings in the book's order within each. */
export function grouped(findings: readonly Finding[]): [FindingGroup, Finding[]][] {
  const groups = new Map<FindingGroup, Finding[]>();
  for (const finding of findings) {
    const group = groupOf(finding);
    const list = groups.get(group);
    if (list) list.push(finding);
    else groups.set(group, [finding]);
  }
  return GROUP_ORDER.filter((g) => groups.has(g)).map((g) => [g, groups.get(g)!]);
}

/** The group's heading ("Könnte unscharf wirken"). */
export const groupTitle = (t: T, group: FindingGroup) => t(`preflight.group.${group}`);

/** Why the group matters and what to do, with the figures of its first finding. */
export function groupWhy(t: T, group: FindingGroup, first: Finding, locale: string): string {
  const mm = (value: number) => new Intl.NumberFormat(locale).format(value);
  if (first.kind === 'pageCount') {
    const { min, max, step, pageCount } = first;
    return t('preflight.why.pageCount', { min, max, step, count: pageCount });
  }
  if (first.kind === 'spineTooThin') {
    return t('preflight.why.spineTooThin', {
      spine: mm(first.spineMm),
      min: mm(first.minMm),
      pages: first.pagesNeeded,
    });
  }
  return t(`preflight.why.${group}`);
}

/** Where a finding is, as the designer names places ("Seite 5", "Umschlag vorne", "Abzug 2"). */
export function placeLabel(t: T, place: Place): string {
  switch (place.kind) {
    case 'design':
      return t('preflight.place.design');
    case 'print':
      return t('preflight.place.print', { n: place.position });
    case 'canvas':
      return t('preflight.place.canvas');
    case 'page':
      if (place.panel) return t(`designer.panel.${place.panel}`);
      return t('designer.surface.page', { n: place.pageNumber ?? 0 });
  }
}

/** One line of the list: the place, and for photos their name and resolution. */
export function itemLabel(t: T, finding: Finding): string {
  const place = placeLabel(t, finding.place);
  if (finding.kind === 'resolution') {
    const background = finding.place.kind === 'page' && finding.place.frameId === undefined;
    const params = { place, name: finding.assetName, dpi: finding.dpi };
    return t(background ? 'preflight.item.background' : 'preflight.item.photo', params);
  }
  if (finding.kind === 'photoMissing') {
    return t('preflight.item.missing', { place, name: finding.assetName });
  }
  return place;
}

/** Findings worth a mark on the frame itself: what the customer can't see by looking. */
export function badgeOf(t: T, finding: Finding): { short: string; long: string } | null {
  switch (groupOf(finding)) {
    case 'resolutionLow':
    case 'resolutionWarn': {
      if (finding.kind !== 'resolution') return null;
      const low = finding.tier === 'low';
      return {
        short: t(low ? 'preflight.badge.low' : 'preflight.badge.warn'),
        long: t('preflight.badge.described', {
          what: t(low ? 'preflight.group.resolutionLow' : 'preflight.group.resolutionWarn'),
          dpi: finding.dpi,
        }),
      };
    }
    case 'photoMissing':
      return { short: t('preflight.badge.missing'), long: t('preflight.group.photoMissing') };
    case 'textBeyondTrim':
      return { short: t('preflight.badge.textCut'), long: t('preflight.group.textBeyondTrim') };
    case 'textNearEdge':
      return { short: t('preflight.badge.textEdge'), long: t('preflight.group.textNearEdge') };
    default:
      // Empty frames show themselves; overflowing text has its own mark (TextContent.tsx).
      return null;
  }
}

/** Groups marked on the frame itself (badgeOf has their words). */
const BADGED: readonly FindingGroup[] = [
  'resolutionLow',
  'resolutionWarn',
  'photoMissing',
  'textBeyondTrim',
  'textNearEdge',
];

/** Whether a finding gets a mark on its frame. */
export const hasBadge = (finding: Finding) => BADGED.includes(groupOf(finding));

/** The finding a frame is marked with: the worst one that has a mark. */
export function badgeFinding(findings: readonly Finding[] | undefined): Finding | undefined {
  if (!findings) return undefined;
  for (const severity of ['blocking', 'problem', 'warning'] as const) {
    const found = findings.find((f) => f.severity === severity && hasBadge(f));
    if (found) return found;
  }
  return undefined;
}

/** Whether a finding counts for the toolbar's number and the order dialog: warnings and worse. */
export const needsLook = (finding: Finding) => atLeast(finding.severity, 'warning');

/** Whether a page's strip thumbnail gets a dot: what needs a look and can't be seen in it. */
export const flagsPage = (finding: Finding) =>
  needsLook(finding) && finding.kind !== 'emptyPhotoFrame';

/** The severity as a tone for colour: amber for a warning, red for worse. */
export const toneOf = (severity: Severity) =>
  severity === 'warning' ? 'warn' : severity === 'info' ? 'info' : 'bad';

const SUMMARISED: Partial<Record<FindingGroup, MessageKey>> = {
  resolutionLow: 'preflight.sum.resolutionLow',
  resolutionWarn: 'preflight.sum.resolutionWarn',
  emptyPhotoFrame: 'preflight.sum.emptyPhotoFrame',
  textOverflow: 'preflight.sum.textOverflow',
  textBeyondTrim: 'preflight.sum.textBeyondTrim',
  textNearEdge: 'preflight.sum.textNearEdge',
  spineTooThin: 'preflight.sum.spineTooThin',
};

/**
 * What ordering anyway means, as one sentence part: "1 Foto wird unscharf gedruckt und
 * 1 leerer Fotorahmen bleibt weiß".
 */
export function orderedAnyway(t: T, findings: readonly Finding[], locale: string): string {
  const parts = grouped(findings.filter(needsLook)).flatMap(([group, list]) => {
    const key = SUMMARISED[group];
    return key ? [t(key, { count: list.length })] : [];
  });
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);
}
