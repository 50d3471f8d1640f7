import type { Box } from '../geometry/box';
import { toMm, toUm } from '../geometry/box';
import type { BookSpec } from '../geometry/book';
import type { Panel } from '../geometry/surface';
import {
  DEFAULT_FONT_ID,
  MM_PER_PT,
  fontById,
  fontOrDefault,
  hasBold,
  hasItalic,
} from '../text/fonts';
import { Colour, type Book, type TextFrame } from './book';
import type { Change } from './changes';
import { framesOn } from './commands';
import { surfacesOfBook } from './surfaces';

/**
 * Text frames: adding one, and changing its text and type. Each function returns the changes it
 * makes (none when nothing would change), so the caller decides whether they enter history.
 */

/** What a text frame's type can be set to, all at once or one field at a time. */
export type TextStyle = Pick<
  TextFrame,
  'fontId' | 'sizePt' | 'colour' | 'align' | 'bold' | 'italic'
>;

/** Type sizes the designer offers: 4 pt is the smallest a lab prints legibly; 500 the schema's. */
export const MIN_SIZE_PT = 4;
export const MAX_SIZE_PT = 500;

/** The type of a new text frame: the default font, body size, near-black, left aligned. */
export const DEFAULT_TEXT_STYLE: TextStyle = {
  fontId: DEFAULT_FONT_ID,
  sizePt: 18,
  colour: '#222222',
  align: 'left',
  bold: false,
  italic: false,
};

/** A line of type takes this many times its size in height (the renderer draws the same). */
export const LINE_HEIGHT = 1.2;

/** A new frame this far below the one before it, so frames added in a row do not hide each other. */
const CASCADE_MM = 8;

/** Where on its page a page's panel and safe box lie, for placing frames on it. */
interface PageSpot {
  panel: Panel;
  /** The panel's safe box in millimetres from the panel's trim top left, as frames are. */
  safe: Box;
}

function spotOf(book: Book, spec: BookSpec, pageId: string): PageSpot {
  for (const { pages } of surfacesOfBook(book, spec)) {
    const placed = pages.find((p) => p.pageId === pageId);
    if (!placed) continue;
    const { trim, safe } = placed.panel;
    const box = {
      x: toMm(toUm(safe.x) - toUm(trim.x)),
      y: toMm(toUm(safe.y) - toUm(trim.y)),
      width: safe.width,
      height: safe.height,
    };
    return { panel: placed.panel, safe: box };
  }
  throw new Error(`no page ${pageId} in book ${book.id}`);
}

/** One more than the front-most frame on the page: a new frame never hides behind a photo. */
function frontZ(book: Book, pageId: string): number {
  const frames = framesOn(book, pageId);
  return frames.length === 0 ? 0 : frames[frames.length - 1]!.z + 1;
}

const roundMm = (mm: number) => toMm(toUm(mm));

/**
 * A new text frame on a page, selected by the caller: in front of everything on the page, inside
 * the page's safe area (where the cut and the binding cannot reach it), 60 % of the safe width
 * and three lines of the default size high, centred; each further frame added to the page a
 * little lower, while it still fits.
 */
export function addTextFrame(
  book: Book,
  spec: BookSpec,
  pageId: string,
  frameId: string,
  init: Partial<TextStyle> & { text?: string } = {},
): Change[] {
  if (book.frames[frameId]) throw new Error(`frame ${frameId} exists already`);
  const { safe } = spotOf(book, spec, pageId);
  const style = { ...DEFAULT_TEXT_STYLE, ...init };
  const widthMm = roundMm(safe.width * 0.6);
  const heightMm = roundMm(Math.min(safe.height, 3 * LINE_HEIGHT * style.sizePt * MM_PER_PT));
  const xMm = roundMm(safe.x + (safe.width - widthMm) / 2);
  const centredY = safe.y + (safe.height - heightMm) / 2;
  const taken = new Set(
    framesOn(book, pageId)
      .filter((f) => f.kind === 'text')
      .map((f) => `${toUm(f.xMm)},${toUm(f.yMm)}`),
  );
  let yMm = roundMm(centredY);
  for (let step = 1; taken.has(`${toUm(xMm)},${toUm(yMm)}`); step++) {
    const lower = roundMm(centredY + step * CASCADE_MM);
    if (lower + heightMm > safe.y + safe.height) break;
    yMm = lower;
  }
  const frame: TextFrame = {
    id: frameId,
    kind: 'text',
    pageId,
    xMm,
    yMm,
    widthMm,
    heightMm,
    rotationDeg: 0,
    z: frontZ(book, pageId),
    text: init.text ?? '',
    ...style,
  };
  return [{ kind: 'frame', id: frameId, before: undefined, after: frame }];
}

function textFrame(book: Book, frameId: string): TextFrame {
  const frame = book.frames[frameId];
  if (!frame) throw new Error(`no frame ${frameId}`);
  if (frame.kind !== 'text') throw new Error(`frame ${frameId} holds a photo, not text`);
  return frame;
}

/** The cover title's frame: the text frame of this id on the cover's front page. */
export const COVER_TITLE_FRAME_ID = 'cover-title';
/** The spine text's frame: the text frame of this id on the cover's spine page. */
export const SPINE_TEXT_FRAME_ID = 'spine-text';

/** The book's title as the cover title's text reads on one line, within the title's 200 chars. */
export function titleFromText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/**
 * New text for a text frame. Editing the cover title's frame renames the book too (one undo
 * step), since the two are one thing to the customer (see setCoverTitle).
 */
export function setText(book: Book, frameId: string, text: string): Change[] {
  const frame = textFrame(book, frameId);
  const changes: Change[] = [];
  if (frame.text !== text) {
    changes.push({ kind: 'frame', id: frameId, before: frame, after: { ...frame, text } });
  }
  const title = titleFromText(text);
  if (frameId === COVER_TITLE_FRAME_ID && book.title !== title) {
    changes.push({ kind: 'title', before: book.title, after: title });
  }
  return changes;
}

/**
 * Changes a text frame's type. Sizes are kept within MIN_SIZE_PT..MAX_SIZE_PT at half points,
 * colours are written in lower case. Bold and italic stay off where the font has no such face
 * (a font change turns them off when the new font lacks them): the print embeds real faces only,
 * so the screen shows none that the print could not. Choosing a font the app does not ship or a
 * malformed colour is a programming error and throws.
 */
export function setTextStyle(book: Book, frameId: string, patch: Partial<TextStyle>): Change[] {
  const frame = textFrame(book, frameId);
  if (patch.fontId !== undefined && !fontById(patch.fontId)) {
    throw new Error(`no bundled font ${patch.fontId}`);
  }
  const next: TextFrame = { ...frame, ...patch };
  // A font this version does not ship draws in the default one, so its faces decide.
  const font = fontOrDefault(next.fontId);
  next.sizePt = Math.min(MAX_SIZE_PT, Math.max(MIN_SIZE_PT, Math.round(next.sizePt * 2) / 2));
  next.colour = Colour.parse(next.colour.toLowerCase());
  next.bold = next.bold && hasBold(font);
  next.italic = next.italic && hasItalic(font);
  const same = (Object.keys(DEFAULT_TEXT_STYLE) as (keyof TextStyle)[]).every(
    (key) => next[key] === frame[key],
  );
  return same ? [] : [{ kind: 'frame', id: frameId, before: frame, after: next }];
}

/**
 * The cover title, one model: the book's `title` is its name, and the text frame
 * COVER_TITLE_FRAME_ID on the cover's front page shows it. Setting the title sets both in one
 * step; a book without the frame gets one (top third of the front's safe area, full safe width,
 * centred, 36 pt), and an empty title removes it so no empty frame sits on the cover. The frame
 * is otherwise a text frame like any: the customer may move it, restyle it, edit it in place
 * (setText renames the book) or delete it (the book keeps its name).
 */
export function setCoverTitle(book: Book, spec: BookSpec, title: string): Change[] {
  const name = titleFromText(title);
  const changes: Change[] = [];
  if (book.title !== name) changes.push({ kind: 'title', before: book.title, after: name });
  const frame = book.frames[COVER_TITLE_FRAME_ID];
  if (frame && name === '') {
    changes.push({ kind: 'frame', id: frame.id, before: frame, after: undefined });
  } else if (frame?.kind === 'text' && frame.text !== name) {
    changes.push({ kind: 'frame', id: frame.id, before: frame, after: { ...frame, text: name } });
  } else if (!frame && name !== '') {
    changes.push(coverTitleFrame(book, spec, name));
  }
  return changes;
}

const TITLE_SIZE_PT = 36;

function coverTitleFrame(book: Book, spec: BookSpec, text: string): Change {
  const pageId = book.cover.frontId;
  const { safe } = spotOf(book, spec, pageId);
  const heightMm = roundMm(Math.min(safe.height, 2 * LINE_HEIGHT * TITLE_SIZE_PT * MM_PER_PT));
  const frame: TextFrame = {
    id: COVER_TITLE_FRAME_ID,
    kind: 'text',
    pageId,
    xMm: safe.x,
    yMm: roundMm(safe.y + safe.height / 6),
    widthMm: safe.width,
    heightMm,
    rotationDeg: 0,
    z: frontZ(book, pageId),
    text,
    ...DEFAULT_TEXT_STYLE,
    sizePt: TITLE_SIZE_PT,
    align: 'center',
  };
  return { kind: 'frame', id: frame.id, before: undefined, after: frame };
}

/** Why the spine can't hold text, with the figures the customer needs to change that. */
export interface SpineTextRefusal {
  reason: 'spineTooThin';
  spineMm: number;
  minMm: number;
  /** The fewest pages whose spine holds text (even, as page counts are). */
  pagesNeeded: number;
}

/** Undefined when this book's spine is wide enough for text; otherwise why not. */
export function spineTextRefusal(book: Book, spec: BookSpec): SpineTextRefusal | undefined {
  const cover = surfacesOfBook(book, spec)[0]!.surface;
  if (cover.role !== 'cover') throw new Error('a book starts with its cover');
  if (cover.spine.textAllowed) return undefined;
  const { boardMm, perPageMm, textMinMm } = spec.spine;
  const short = toUm(textMinMm) - toUm(boardMm);
  const pages = Math.ceil(short / toUm(perPageMm));
  return {
    reason: 'spineTooThin',
    spineMm: cover.spine.trim.width,
    minMm: textMinMm,
    pagesNeeded: pages + (pages % 2),
  };
}

/**
 * Sets the spine text: the text frame SPINE_TEXT_FRAME_ID on the spine page, turned 90° so it
 * reads top to bottom along the spine, filling the spine's safe box, its size the largest whose
 * line fits across the spine (at most 18 pt). Refused, with the figures, where the spine is too
 * thin for legible type; an empty text removes the frame, which is always allowed.
 */
export function setSpineText(
  book: Book,
  spec: BookSpec,
  text: string,
): { ok: true; changes: Change[] } | { ok: false; refusal: SpineTextRefusal } {
  const frame = book.frames[SPINE_TEXT_FRAME_ID];
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') {
    const changes: Change[] = frame
      ? [{ kind: 'frame', id: frame.id, before: frame, after: undefined }]
      : [];
    return { ok: true, changes };
  }
  const refusal = spineTextRefusal(book, spec);
  if (refusal) return { ok: false, refusal };
  if (frame?.kind === 'text') {
    const changes: Change[] =
      frame.text === line
        ? []
        : [{ kind: 'frame', id: frame.id, before: frame, after: { ...frame, text: line } }];
    return { ok: true, changes };
  }
  return { ok: true, changes: [spineFrame(book, spec, line)] };
}

const MAX_SPINE_SIZE_PT = 18;

function spineFrame(book: Book, spec: BookSpec, text: string): Change {
  const pageId = book.cover.spineId;
  const { safe } = spotOf(book, spec, pageId);
  // Turned 90° about its centre, the frame's width runs down the spine and its height across.
  const widthUm = toUm(safe.height);
  const heightUm = toUm(safe.width);
  const centreX = toUm(safe.x) * 2 + toUm(safe.width);
  const centreY = toUm(safe.y) * 2 + toUm(safe.height);
  const fitting = safe.width / LINE_HEIGHT / MM_PER_PT;
  const frame: TextFrame = {
    id: SPINE_TEXT_FRAME_ID,
    kind: 'text',
    pageId,
    // Centre minus half the size, in half-micrometres so the halves stay whole numbers.
    xMm: toMm(Math.round((centreX - widthUm) / 2)),
    yMm: toMm(Math.round((centreY - heightUm) / 2)),
    widthMm: toMm(widthUm),
    heightMm: toMm(heightUm),
    rotationDeg: 90,
    z: frontZ(book, pageId),
    text,
    ...DEFAULT_TEXT_STYLE,
    sizePt: Math.max(MIN_SIZE_PT, Math.min(MAX_SPINE_SIZE_PT, Math.floor(fitting * 2) / 2)),
    align: 'center',
  };
  return { kind: 'frame', id: frame.id, before: undefined, after: frame };
}
