import { HttpError } from './http';

/** A request target split into its path and query, exactly as sent. */
export interface RequestTarget {
  /** The raw path, already known to need no decoding or normalising. */
  path: string;
  /** The raw text after the first `?`, or undefined when there is none. */
  query: string | undefined;
}

/**
 * Every id and name in our API is made of these characters, and none of them is rewritten by
 * a URL parser: a path made only of such segments means the same to us and to @tus/server.
 */
const PLAIN_SEGMENT = /^[A-Za-z0-9._~-]+$/;

/**
 * Parses the raw request target strictly instead of normalising it. Normalising is what makes
 * two parsers disagree: the access check would read one upload id and tus act on another.
 * Anything that needs decoding or resolving (escapes, dot segments, empty segments, `#`, `\`,
 * absolute form) is refused with 400.
 */
export function parseRequestTarget(
  raw: string,
  /** Paths that end in a slash on purpose (e.g. the tus creation URL handed to clients). */
  slashEnded: readonly string[] = [],
): RequestTarget {
  const at = raw.indexOf('?');
  const path = at === -1 ? raw : raw.slice(0, at);
  const query = at === -1 ? undefined : raw.slice(at + 1);
  if (!path.startsWith('/')) throw malformed('the request target must start with "/"');
  const checked = slashEnded.includes(path) ? path.slice(0, -1) : path;
  if (checked === '/' || checked === '') return { path, query };
  for (const segment of checked.slice(1).split('/')) {
    if (segment === '') throw malformed('double or trailing slash');
    if (segment === '.' || segment === '..') throw malformed('dot segment');
    if (segment.includes('%')) throw malformed('percent escape');
    if (!PLAIN_SEGMENT.test(segment)) {
      const bad = [...segment].find((c) => !PLAIN_SEGMENT.test(c)) ?? '';
      throw malformed(`character ${JSON.stringify(bad)} is not allowed`);
    }
  }
  return { path, query };
}

function malformed(reason: string): HttpError {
  return new HttpError(400, `malformed request path: ${reason}`);
}
