import { describe, expect, it, vi } from 'vitest';
import { createInvokeHandler, type InvokeEvent } from '../../../electron/ipc';
import { APP_ORIGIN, type SenderFrame } from '../../../electron/trust';

/**
 * Electron can't run here, so the invoke handler is called as ipcMain would
 * call it, with event objects shaped like IpcMainInvokeEvent (fakes: only
 * `senderFrame` is read). `dispatch` is a spy standing in for the services.
 */
const topFrame = (url: string): SenderFrame => ({ url, parent: null });
const appPage = topFrame(`${APP_ORIGIN}/index.html`);

function setup() {
  const dispatch = vi.fn(async () => ({ ok: true as const, result: { version: '1.0.0' } }));
  const handler = createInvokeHandler(dispatch);
  return { dispatch, invoke: (event: InvokeEvent) => handler(event, 'app.info', { x: 1 }) };
}

const refused = { ok: false, error: { code: 'unauthorized', message: 'untrusted sender' } };

describe('the host invoke handler', () => {
  it("passes the app's own top frame through to dispatch", async () => {
    const { dispatch, invoke } = setup();
    await expect(invoke({ senderFrame: appPage })).resolves.toEqual({
      ok: true,
      result: { version: '1.0.0' },
    });
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('app.info', { x: 1 });
  });

  const forged: Record<string, SenderFrame | null> = {
    'a subframe of the app page': { url: `${APP_ORIGIN}/index.html`, parent: appPage },
    'a page that navigated to another site': topFrame('https://evil.example/'),
    'a look-alike host': topFrame('app://photodose.evil/index.html'),
    'a file:// page': topFrame('file:///opt/photodose/index.html'),
    'the dev server origin': topFrame('http://127.0.0.1:5173/'),
    'a frame already gone (null)': null,
  };
  for (const [what, senderFrame] of Object.entries(forged)) {
    it(`refuses ${what} without calling dispatch`, async () => {
      const { dispatch, invoke } = setup();
      await expect(invoke({ senderFrame })).resolves.toEqual(refused);
      expect(dispatch).not.toHaveBeenCalled();
    });
  }

  it('refuses a disposed frame whose getters throw, as Electron does', async () => {
    const { dispatch, invoke } = setup();
    const disposed = {
      parent: null,
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    await expect(invoke({ senderFrame: disposed })).resolves.toEqual(refused);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a request name that is not text', async () => {
    const dispatch = vi.fn();
    const handler = createInvokeHandler(dispatch);
    const reply = await handler({ senderFrame: appPage }, { toString: () => 'app.info' }, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('returns a coded error without the HTTP status', async () => {
    const error = { code: 'invalid-request' as const, message: 'args: expected object' };
    const handler = createInvokeHandler(async () => ({ ok: false, status: 400, error }));
    await expect(handler({ senderFrame: appPage }, 'app.info', 1)).resolves.toEqual({
      ok: false,
      error,
    });
  });
});
