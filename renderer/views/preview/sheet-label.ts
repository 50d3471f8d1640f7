import type { MessageKey, MessageParams } from '../../../src/i18n/translate';
import type { PreviewSheet } from '../../../src/model/preview-sheets';

type T = (key: MessageKey, params?: MessageParams) => string;

/** A sheet's caption: "Umschlag vorne", "Seite 1 von 24", "Seiten 2–3 von 24". */
export function sheetLabel(t: T, sheet: PreviewSheet, pageCount: number): string {
  const { name } = sheet;
  switch (name.kind) {
    case 'frontCover':
      return t('preview.frontCover');
    case 'backCover':
      return t('preview.backCover');
    case 'page':
      return t('preview.page', { n: name.n, count: pageCount });
    case 'spread':
      return t('preview.spread', { left: name.left, right: name.right, count: pageCount });
  }
}
