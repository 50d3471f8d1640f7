import { Book, type Background, type Frame } from './book';

/**
 * Records refer to each other by id; a dangling id would crash the designer or the lab's
 * renderer later. The first problem found, in words that name the records, or null.
 */
export function referenceProblem(book: Book): string | null {
  return pagesProblem(book) ?? framesProblem(book) ?? assetsProblem(book);
}

/** Every page is listed once, as an inner page or a cover panel, and every listed page exists. */
function pagesProblem(book: Book): string | null {
  const { backId, spineId, frontId } = book.cover;
  if (book.pageIds.length !== book.options.pageCount) {
    return `the options say ${book.options.pageCount} pages, but ${book.pageIds.length} are listed`;
  }
  const listed = new Set<string>();
  for (const pageId of [backId, spineId, frontId, ...book.pageIds]) {
    if (listed.has(pageId)) return `page ${pageId} is listed twice`;
    listed.add(pageId);
    const page = book.pages[pageId];
    if (!page) return `page ${pageId} is listed but missing`;
    if (page.id !== pageId) return `page stored as ${pageId} calls itself ${page.id}`;
    const problem = backgroundProblem(book, pageId, page.background);
    if (problem) return problem;
  }
  for (const pageId of Object.keys(book.pages)) {
    if (!listed.has(pageId)) return `page ${pageId} is stored but neither listed nor on the cover`;
  }
  return null;
}

function backgroundProblem(book: Book, pageId: string, background: Background): string | null {
  if (background.kind === 'photo' && !book.assets[background.assetId]) {
    return `the background of page ${pageId} refers to photo ${background.assetId}, which is missing`;
  }
  return null;
}

/** Each frame sits on an existing page, shows an existing photo, and has a z of its own. */
function framesProblem(book: Book): string | null {
  const zTaken = new Map<string, Frame>();
  for (const [frameId, frame] of Object.entries(book.frames)) {
    if (frame.id !== frameId) return `frame stored as ${frameId} calls itself ${frame.id}`;
    if (!book.pages[frame.pageId]) {
      return `frame ${frameId} is on page ${frame.pageId}, which is missing`;
    }
    if (frame.kind === 'photo' && frame.assetId !== null && !book.assets[frame.assetId]) {
      return `frame ${frameId} on page ${frame.pageId} refers to photo ${frame.assetId}, which is missing`;
    }
    const key = `${frame.pageId}\n${frame.z}`;
    const other = zTaken.get(key);
    if (other)
      return `frames ${other.id} and ${frameId} on page ${frame.pageId} share z ${frame.z}`;
    zTaken.set(key, frame);
  }
  return null;
}

function assetsProblem(book: Book): string | null {
  for (const [assetId, asset] of Object.entries(book.assets)) {
    if (asset.id !== assetId) return `photo stored as ${assetId} calls itself ${asset.id}`;
  }
  return null;
}

/**
 * A book checked down to its references: for books that arrive from elsewhere (the renderer over
 * the host contract, an order manifest), so no dangling id gets further than the border.
 */
export const CheckedBook = Book.superRefine((book, ctx) => {
  const problem = referenceProblem(book);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
