import { describe, expect, it, vi } from 'vitest';
import { createPreloadApi, type RendererIpc } from '../../../electron/preload-api';
import { IPC_EVENT, IPC_INVOKE } from '../../../src/contract/transport';

/** A stand-in for ipcRenderer (Electron can't run here): records calls, delivers events. */
class FakeIpcRenderer implements RendererIpc {
  readonly invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, result: 1 }));
  private readonly listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();

  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
    this.listeners.set(channel, (this.listeners.get(channel) ?? new Set()).add(listener));
  }
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void) {
    this.listeners.get(channel)?.delete(listener);
  }
  send(channel: string, ...args: unknown[]) {
    const event = { sender: 'the ipcRenderer itself' };
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
}

describe('the API the preload exposes to the page', () => {
  it('has only invoke, onEvent and pathForFile', () => {
    const api = createPreloadApi(new FakeIpcRenderer(), () => '');
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onEvent', 'pathForFile']);
  });

  it('sends every request on the one invoke channel', async () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc, () => '');
    await expect(api.invoke('app.info', { a: 1 })).resolves.toEqual({ ok: true, result: 1 });
    expect(ipc.invoke).toHaveBeenCalledExactlyOnceWith(IPC_INVOKE, 'app.info', { a: 1 });
  });

  it("relays host events without Electron's event object, until unsubscribed", () => {
    const ipc = new FakeIpcRenderer();
    const api = createPreloadApi(ipc, () => '');
    const listener = vi.fn();
    const unsubscribe = api.onEvent(listener);
    ipc.send(IPC_EVENT, 'order.progress', { sent: 5 });
    expect(listener).toHaveBeenCalledExactlyOnceWith('order.progress', { sent: 5 });
    unsubscribe();
    ipc.send(IPC_EVENT, 'order.progress', { sent: 6 });
    expect(listener).toHaveBeenCalledOnce();
  });

  it('hears nothing on other channels', () => {
    const ipc = new FakeIpcRenderer();
    const listener = vi.fn();
    createPreloadApi(ipc, () => '').onEvent(listener);
    ipc.send('some:other', 'x', 1);
    expect(listener).not.toHaveBeenCalled();
  });

  it("asks Electron for a dropped file's path", () => {
    const api = createPreloadApi(
      new FakeIpcRenderer(),
      (file: { name: string }) => `/photos/${file.name}`,
    );
    expect(api.pathForFile({ name: 'beach.jpg' })).toBe('/photos/beach.jpg');
  });
});
