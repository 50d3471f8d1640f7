import { useT } from '../i18n';
import { isMessageKey } from '../../src/i18n/translate';
import type { Design } from '../../src/model/design';
import { printItems } from '../../src/model/prints';

/** One line that says what is being ordered: the product's name and its main choice. */
export function DesignSummary({ design }: { design: Design }) {
  const t = useT();
  const nameOf = (id: string) => {
    const key = `product.${id}`;
    return isMessageKey(key) ? t(key) : id;
  };
  let text: string;
  switch (design.kind) {
    case 'photoBook':
      text = `${nameOf(design.book.productId)} · ${t('product.pages', { count: design.book.pageIds.length })}`;
      break;
    case 'prints': {
      const copies = printItems(design.prints).reduce((sum, item) => sum + item.quantity, 0);
      text = `${nameOf(design.prints.productId)} · ${t('prints.copies', { count: copies })}`;
      break;
    }
    case 'canvas':
      text = `${nameOf(design.canvas.productId)} · ${t('canvas.sizeOption', { size: design.canvas.sizeId })}, ${t(`orientation.${design.canvas.orientation}`)}`;
      break;
  }
  return <p className="design-summary">{text}</p>;
}
