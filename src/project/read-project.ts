import type { z } from 'zod';
import { BOOK_FORMAT_VERSION, Book } from '../model/book';
import { BookFormatError, loadBook } from '../model/migrate';
import { referenceProblem } from '../model/references';
import { PRINTS_FORMAT_VERSION, Prints, printsProblem } from '../model/prints';
import { CANVAS_FORMAT_VERSION, CanvasDoc, canvasProblem } from '../model/canvas';
import type { Design } from '../model/design';
import { jsonShapeProblem } from './json-guard';
import { locationProblem, type LocationProblem } from './locations';
import {
  MAX_PROJECT_BYTES,
  PROJECT_FORMAT_VERSION,
  PROJECT_MAGIC,
  ProjectEnvelope,
  documentAssets,
  type Project,
  type ProjectPhoto,
} from './project-file';

/**
 * Why a project file was refused: a code with the values its translated message shows
 * (project.problem.* in src/i18n). `where` is the field's path in the file, e.g.
 * `design.book.frames.frame-7.xMm`; `detail` is the developer's words, for logs and support.
 */
export type ProjectProblem =
  | { code: 'too-large'; bytes: number; limit: number }
  | { code: 'not-json'; position: number | null; truncated: boolean }
  | { code: 'not-a-project' }
  | { code: 'newer-version'; version: number; supported: number }
  | { code: 'damaged'; where: string; detail: string }
  | { code: 'too-many'; where: string; limit: number }
  | { code: 'too-deep'; where: string }
  | { code: 'forbidden-key'; key: string; where: string }
  | { code: 'broken-reference'; detail: string }
  | { code: 'photo-mismatch'; name: string }
  | { code: 'bad-location'; name: string; reason: LocationProblem };

export type ReadProjectResult =
  { ok: true; project: Project } | { ok: false; problem: ProjectProblem };

const refuse = (problem: ProjectProblem): ReadProjectResult => ({ ok: false, problem });

/** The size check, for callers to make before they read a file's bytes at all. */
export function projectSizeProblem(bytes: number): ProjectProblem | null {
  return bytes > MAX_PROJECT_BYTES ? { code: 'too-large', bytes, limit: MAX_PROJECT_BYTES } : null;
}

/**
 * Reads a `.pdbook` file's text: the size first, then JSON syntax, what the file is and its
 * version, the shape bounds (forbidden keys, huge arrays), the schema, the design's own
 * migrations and references, the photo list against the design, and every location. The first
 * problem is returned; nothing is thrown, so a hostile file can never reach the open book.
 */
export function readProject(text: string): ReadProjectResult {
  // A character is at least one byte: a string this long is surely over the byte limit.
  const tooLarge = projectSizeProblem(text.length);
  if (tooLarge) return refuse(tooLarge);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return refuse(syntaxProblem(error));
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return refuse({ code: 'not-a-project' });
  }
  const { format, formatVersion } = raw as { format?: unknown; formatVersion?: unknown };
  if (format !== PROJECT_MAGIC) return refuse({ code: 'not-a-project' });
  const newer = newerVersion(formatVersion, PROJECT_FORMAT_VERSION);
  if (newer) return refuse(newer);
  const shape = jsonShapeProblem(raw);
  if (shape?.kind === 'forbidden-key') return refuse({ code: 'forbidden-key', ...shape });
  if (shape?.kind === 'too-many') return refuse({ code: 'too-many', ...shape });
  if (shape?.kind === 'too-deep') return refuse({ code: 'too-deep', where: shape.where });

  const envelope = ProjectEnvelope.safeParse(raw);
  if (!envelope.success) return refuse(schemaProblem(envelope.error, ''));
  const design = readDesign(envelope.data.design);
  if (!design.ok) return refuse(design.problem);
  const photos = envelope.data.photos;
  const photoProblem = photosProblem(design.design, photos);
  if (photoProblem) return refuse(photoProblem);
  return {
    ok: true,
    project: {
      format: PROJECT_MAGIC,
      formatVersion: PROJECT_FORMAT_VERSION,
      design: design.design,
      photos,
    },
  };
}

function syntaxProblem(error: unknown): ProjectProblem {
  const message = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(message);
  return {
    code: 'not-json',
    position: position ? Number(position[1]) : null,
    truncated: /end of (JSON|data)|Unterminated/i.test(message),
  };
}

/** A version above what this app reads; a missing or odd version is left to the schema. */
function newerVersion(version: unknown, supported: number): ProjectProblem | null {
  return typeof version === 'number' && Number.isFinite(version) && version > supported
    ? { code: 'newer-version', version, supported }
    : null;
}

/** The first schema issue, a too-long list named as such. */
function schemaProblem(error: z.ZodError, prefix: string): ProjectProblem {
  const issue = error.issues[0];
  const where = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join('.') || '(root)';
  if (issue?.code === 'too_big' && issue.origin === 'array') {
    return { code: 'too-many', where, limit: Number(issue.maximum) };
  }
  return { code: 'damaged', where, detail: issue?.message ?? 'invalid' };
}

type DesignResult = { ok: true; design: Design } | { ok: false; problem: ProjectProblem };

/** The design of its kind: a photo book through its migrations, prints and canvas as they are. */
function readDesign(raw: { kind: Design['kind']; [key: string]: unknown }): DesignResult {
  switch (raw.kind) {
    case 'photoBook': {
      const book = readBook(raw.book);
      return book.ok ? { ok: true, design: { kind: 'photoBook', book: book.value } } : book;
    }
    case 'prints': {
      const prints = readDocument(
        raw.prints,
        'design.prints',
        Prints,
        PRINTS_FORMAT_VERSION,
        printsProblem,
      );
      return prints.ok ? { ok: true, design: { kind: 'prints', prints: prints.value } } : prints;
    }
    case 'canvas': {
      const canvas = readDocument(
        raw.canvas,
        'design.canvas',
        CanvasDoc,
        CANVAS_FORMAT_VERSION,
        canvasProblem,
      );
      return canvas.ok ? { ok: true, design: { kind: 'canvas', canvas: canvas.value } } : canvas;
    }
  }
}

type Read<T> = { ok: true; value: T } | { ok: false; problem: ProjectProblem };

function readBook(raw: unknown): Read<Book> {
  const version = (raw as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== BOOK_FORMAT_VERSION) {
    const newer = newerVersion(version, BOOK_FORMAT_VERSION);
    if (newer) return { ok: false, problem: newer };
    // An older book: the model's own migrations bring it up to date, then check it.
    try {
      return { ok: true, value: loadBook(raw) };
    } catch (error) {
      const detail = error instanceof BookFormatError ? error.message : String(error);
      return { ok: false, problem: { code: 'damaged', where: 'design.book', detail } };
    }
  }
  return readDocument(raw, 'design.book', Book, BOOK_FORMAT_VERSION, referenceProblem);
}

/** A document of the current version: its schema, then its references. */
function readDocument<T>(
  raw: unknown,
  where: string,
  schema: z.ZodType<T>,
  supported: number,
  references: (doc: T) => string | null,
): Read<T> {
  const newer = newerVersion((raw as { formatVersion?: unknown } | null)?.formatVersion, supported);
  if (newer) return { ok: false, problem: newer };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, problem: schemaProblem(parsed.error, where) };
  const broken = references(parsed.data);
  if (broken) return { ok: false, problem: { code: 'broken-reference', detail: broken } };
  return { ok: true, value: parsed.data };
}

/** One entry per photo record of the design, each agreeing with it, each location allowed. */
function photosProblem(design: Design, photos: readonly ProjectPhoto[]): ProjectProblem | null {
  const assets = new Map(documentAssets(design).map((a) => [a.id, a]));
  const seen = new Set<string>();
  for (const photo of photos) {
    const asset = assets.get(photo.assetId);
    if (!asset || seen.has(photo.assetId)) {
      const detail = asset
        ? `photo ${photo.assetId} is listed twice`
        : `photo ${photo.assetId} is listed but the design has no such photo`;
      return { code: 'broken-reference', detail };
    }
    seen.add(photo.assetId);
    const agrees =
      asset.sha256 === photo.sha256 &&
      asset.byteSize === photo.byteSize &&
      asset.widthPx === photo.widthPx &&
      asset.heightPx === photo.heightPx;
    if (!agrees) return { code: 'photo-mismatch', name: photo.name };
    if (photo.lastKnownPath !== undefined) {
      const reason = locationProblem(photo.lastKnownPath);
      if (reason) return { code: 'bad-location', name: photo.name, reason };
    }
  }
  for (const asset of assets.values()) {
    if (!seen.has(asset.id)) {
      return { code: 'broken-reference', detail: `photo ${asset.id} of the design is not listed` };
    }
  }
  return null;
}
