import {
  HostError,
  HostErrorBody,
  hostEvents,
  hostRequests,
  type HostArgs,
  type HostEvent,
  type HostEventName,
  type HostRequestName,
  type HostResult,
  type PhotoSource,
} from '../../src/contract/host';
import type { InvokeReply } from '../../src/contract/transport';

/**
 * The renderer's view of the host: typed requests, events, and the one
 * thing that differs per environment, turning picked files into sources.
 */
export interface HostClient {
  invoke<K extends HostRequestName>(name: K, args: HostArgs<K>): Promise<HostResult<K>>;
  on<K extends HostEventName>(name: K, listener: (payload: HostEvent<K>) => void): () => void;
  /**
   * Picked files as the host imports them: Electron passes their paths; a browser keeps the files
   * and passes ids, and the host asks for a file's bytes whenever it needs them.
   */
  sourcesFor(files: readonly File[]): PhotoSource[];
}

/** A random id for an import or a picked file, as the contract wants them: never a name. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Turns a transport's reply into a result checked against the contract, or a HostError. */
export function unwrapReply<K extends HostRequestName>(name: K, reply: InvokeReply): HostResult<K> {
  if (!reply.ok) {
    const body = HostErrorBody.safeParse(reply.error);
    if (!body.success) throw new HostError('internal', `${name}: malformed error from host`);
    throw new HostError(body.data.code, body.data.message, body.data.params);
  }
  return hostRequests[name].result.parse(reply.result) as HostResult<K>;
}

/** A tiny event fan-out the transports share. */
export class EventRouter {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  on<K extends HostEventName>(name: K, listener: (payload: HostEvent<K>) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    this.listeners.set(name, set);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  deliver(name: string, payload: unknown): void {
    if (!Object.hasOwn(hostEvents, name)) return;
    const parsed = hostEvents[name as HostEventName].safeParse(payload);
    if (!parsed.success) return;
    for (const listener of this.listeners.get(name) ?? []) listener(parsed.data);
  }
}
