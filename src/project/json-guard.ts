/**
 * Bounds on parsed JSON, checked before any schema sees it: zod walks every element of an array
 * before it reports the array too long, and its records copy keys onto plain objects, where a
 * `__proto__` key would set the copy's prototype. So a hostile file is stopped here, cheaply.
 */

/** Keys that mean something to JavaScript objects; no record of ours is ever called that. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

/** Deeper than any design nests (a book's frame crop is 5 levels down). */
export const MAX_JSON_DEPTH = 24;

/** Longer than any list of a design (prints: 10,000 lines; books: 400 pages). */
export const MAX_JSON_ARRAY = 10_000;

/** More keys than any record map holds (frames of a 200-page book are a few thousand). */
export const MAX_JSON_KEYS = 50_000;

export type JsonShapeProblem =
  | { kind: 'forbidden-key'; key: string; where: string }
  | { kind: 'too-deep'; where: string; limit: number }
  | { kind: 'too-many'; where: string; count: number; limit: number };

const join = (where: string, key: string | number) =>
  where === '' ? String(key) : `${where}.${key}`;

/** The first way the value breaks the bounds, with where it is, or null. Iterative: no stack to blow. */
export function jsonShapeProblem(value: unknown): JsonShapeProblem | null {
  const pending: { value: unknown; where: string; depth: number }[] = [
    { value, where: '', depth: 0 },
  ];
  while (pending.length > 0) {
    const { value: node, where, depth } = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_JSON_DEPTH) return { kind: 'too-deep', where, limit: MAX_JSON_DEPTH };
    if (Array.isArray(node)) {
      if (node.length > MAX_JSON_ARRAY) {
        return { kind: 'too-many', where, count: node.length, limit: MAX_JSON_ARRAY };
      }
      node.forEach((item, i) =>
        pending.push({ value: item, where: join(where, i), depth: depth + 1 }),
      );
      continue;
    }
    const keys = Object.keys(node);
    if (keys.length > MAX_JSON_KEYS) {
      return { kind: 'too-many', where, count: keys.length, limit: MAX_JSON_KEYS };
    }
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) return { kind: 'forbidden-key', key, where: where || '(root)' };
      pending.push({
        value: (node as Record<string, unknown>)[key],
        where: join(where, key),
        depth: depth + 1,
      });
    }
  }
  return null;
}
