import { describe, expect, it } from 'vitest';
import { claimSingleInstance, type InstanceApp } from '../../../electron/single-instance';

type Listener = (...args: unknown[]) => void;

/** Electron's app as far as the single-instance handling sees it; records what happens. */
function fakeApp(lock: boolean) {
  const listeners = new Map<string, Listener>();
  let quit = false;
  const app = {
    requestSingleInstanceLock: () => lock,
    quit: () => void (quit = true),
    on: (event: string, listener: Listener) => void listeners.set(event, listener),
  } as unknown as InstanceApp;
  return {
    app,
    quitted: () => quit,
    fire: (event: string, ...args: unknown[]) => listeners.get(event)!(...args),
  };
}

function handlers() {
  const opened: [string, string | undefined][] = [];
  let focused = 0;
  return {
    opened,
    focused: () => focused,
    open: (path: string, cwd?: string) => void opened.push([path, cwd]),
    focus: () => void focused++,
  };
}

describe('one running app', () => {
  it('a second start hands over and quits', () => {
    const second = fakeApp(false);
    const h = handlers();
    expect(claimSingleInstance(second.app, ['photodose', '/x/book.pdbook'], h)).toBe(false);
    expect(second.quitted()).toBe(true);
    expect(h.opened).toEqual([]);
  });

  it('opens the project it was started with', () => {
    const first = fakeApp(true);
    const h = handlers();
    expect(claimSingleInstance(first.app, ['photodose', '--flag', '/x/Urlaub.pdbook'], h)).toBe(
      true,
    );
    expect(first.quitted()).toBe(false);
    expect(h.opened).toEqual([['/x/Urlaub.pdbook', undefined]]);
  });

  it('comes forward and opens the file of a later start, relative to where that started', () => {
    const first = fakeApp(true);
    const h = handlers();
    claimSingleInstance(first.app, ['photodose', '.'], h);
    first.fire('second-instance', {}, ['photodose', 'Hochzeit.PDBOOK'], '/home/anna');
    expect(h.focused()).toBe(1);
    expect(h.opened).toEqual([['Hochzeit.PDBOOK', '/home/anna']]);
    first.fire('second-instance', {}, ['photodose'], '/home/anna');
    expect(h.focused()).toBe(2);
    expect(h.opened).toHaveLength(1);
  });

  it('takes macOS’s open-file and keeps the system from handling it', () => {
    const first = fakeApp(true);
    const h = handlers();
    claimSingleInstance(first.app, ['photodose'], h);
    let prevented = false;
    first.fire('open-file', { preventDefault: () => void (prevented = true) }, '/Users/b/a.pdbook');
    expect(prevented).toBe(true);
    expect(h.opened).toEqual([['/Users/b/a.pdbook', undefined]]);
  });
});
