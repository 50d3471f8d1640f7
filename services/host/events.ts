import { hostEvents, type HostEvent, type HostEventName } from '../../src/contract/host';

export type EventListener = (name: HostEventName, payload: unknown) => void;

/** Fans host events out to whichever transports are connected. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether anyone hears events (a page's socket, Electron's window). */
  get listening(): boolean {
    return this.listeners.size > 0;
  }

  /** How many hear events: each page's socket, Electron's window. */
  get listenerCount(): number {
    return this.listeners.size;
  }

  emit<K extends HostEventName>(name: K, payload: HostEvent<K>): void {
    const checked = hostEvents[name].parse(payload);
    for (const listener of this.listeners) listener(name, checked);
  }
}
