import type { Frame, PhotoAsset } from '../../../src/model/book';
import type { BookSurface, PlacedPage } from '../../../src/model/surfaces';
import type { MessageKey, MessageParams } from '../../../src/i18n/translate';

type T = (key: MessageKey, params?: MessageParams) => string;

/** A surface as the page strip names it: "Umschlag", "Seite 1", "Seiten 2–3". */
export function surfaceLabel(t: T, placed: BookSurface): string {
  const { surface } = placed;
  if (surface.role === 'cover') return t('designer.surface.cover');
  if (surface.role === 'spread') {
    const [left, right] = surface.pages;
    return t('designer.surface.spread', { left: left.pageNumber, right: right.pageNumber });
  }
  if (surface.role === 'page')
    return t('designer.surface.page', { n: surface.pages[0].pageNumber });
  return surface.id;
}

/** A page of a surface: "Seite 3", or a panel of the cover. */
export function pageLabel(t: T, placed: PlacedPage): string {
  const { panel } = placed;
  switch (panel.name) {
    case 'back':
      return t('designer.panel.back');
    case 'spine':
      return t('designer.panel.spine');
    case 'front':
      return t('designer.panel.front');
    default:
      return 'pageNumber' in panel
        ? t('designer.surface.page', { n: (panel as { pageNumber: number }).pageNumber })
        : panel.name;
  }
}

/** A frame's accessible name: where it is and what it shows. */
export function frameLabel(
  t: T,
  frame: Frame,
  page: string,
  assets: Record<string, PhotoAsset>,
): string {
  if (frame.kind === 'text') {
    return frame.text.trim() === ''
      ? t('designer.frame.emptyText', { page })
      : // The whole text, not a start of it: the name must hold the words the frame shows, so
        // that a voice-control user can say them (WCAG 2.5.3, axe label-content-name-mismatch).
        t('designer.frame.text', { page, text: frame.text });
  }
  const asset = frame.assetId ? assets[frame.assetId] : undefined;
  return asset
    ? t('designer.frame.photo', { page, name: asset.name })
    : t('designer.frame.empty', { page });
}
