import type { OutsideRequest } from '../../src/commands/editor';

/**
 * Who carries out a command's request outside the book (save, open): the project module
 * registers its handlers at start, and the store's `perform` calls them. A request nobody
 * handles does nothing.
 */
const handlers = new Map<OutsideRequest, () => void>();

/** Registers the handler of a request; returns how to remove it again. */
export function handleOutsideRequest(request: OutsideRequest, handler: () => void): () => void {
  handlers.set(request, handler);
  return () => {
    if (handlers.get(request) === handler) handlers.delete(request);
  };
}

export function runOutsideRequest(request: OutsideRequest): void {
  handlers.get(request)?.();
}
