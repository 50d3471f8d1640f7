import type { Protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../services/loopback/server';
import { resolveAppFile } from './app-path';
import { APP_ORIGIN, APP_SCHEME } from './trust';

/** Reads a file:// URL; Electron's `net.fetch` in the app, a fake in tests. */
export type FetchFile = (fileUrl: string) => Promise<Response>;

/** What the handler reads of a request: its URL, as Chromium hands it over. */
export interface AppRequest {
  readonly url: string;
}

/**
 * Must run before `ready`. The scheme behaves like https (standard, secure)
 * and gets nothing more: no CSP bypass, no service workers (checklist 18).
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Every response, refusals included, carries the strict CSP (checklist 7). */
function withAppHeaders(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', contentSecurityPolicy(APP_ORIGIN));
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(response.body, { status: response.status, headers });
}

/** Serves the built renderer from `root`, refusing any path outside it. */
export function createAppHandler(
  root: string,
  fetchFile: FetchFile,
): (request: AppRequest) => Promise<Response> {
  return async (request) => {
    const target = resolveAppFile(request.url, root);
    if (!target.ok) return withAppHeaders(new Response(target.reason, { status: target.status }));
    try {
      return withAppHeaders(await fetchFile(pathToFileURL(target.file).href));
    } catch {
      // net.fetch rejects for a missing file; the page should see a 404, not a failed load.
      return withAppHeaders(new Response('not found', { status: 404 }));
    }
  };
}

/** Where the handler is registered; Electron's `protocol` satisfies it. */
export interface SchemeHandlers {
  handle(scheme: string, handler: (request: AppRequest) => Promise<Response>): void;
}

/** Registers the handler for app:// (after `ready`). */
export function serveRenderer(protocol: SchemeHandlers, root: string, fetchFile: FetchFile): void {
  protocol.handle(APP_SCHEME, createAppHandler(root, fetchFile));
}
