import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  boundsToOpen,
  MIN_WINDOW,
  readWindowState,
  writeWindowState,
} from '../../../electron/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 875 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1415 };
const defaults = { width: 1280, height: 860 };

describe('where the window opens', () => {
  it('opens where it was closed when that screen is still there', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1100, maximized: false };
    expect(boundsToOpen(saved, [laptop, monitor], defaults)).toEqual(saved);
  });

  it('falls back to the default size, placed by the system, when its screen is gone', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1100, maximized: true };
    expect(boundsToOpen(saved, [laptop], defaults)).toEqual({ ...defaults, maximized: true });
  });

  it('keeps a window that hangs over an edge reachable, shrunk to the screen', () => {
    const saved = { x: 1000, y: -20, width: 3000, height: 2000, maximized: false };
    expect(boundsToOpen(saved, [laptop], defaults)).toEqual({
      x: 0,
      y: 0,
      width: laptop.width,
      height: laptop.height,
      maximized: false,
    });
  });

  it('raises a tiny saved size to the smallest usable one', () => {
    const saved = { x: 10, y: 10, width: 200, height: 100, maximized: false };
    expect(boundsToOpen(saved, [laptop], defaults)).toMatchObject(MIN_WINDOW);
  });

  it('opens at the default size the first time', () => {
    expect(boundsToOpen(null, [laptop], defaults)).toEqual({ ...defaults, maximized: false });
  });
});

describe('the saved window state', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const temp = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'window-state-'));
    dirs.push(dir);
    return dir;
  };

  it('round-trips four numbers and a flag, and nothing else', async () => {
    const file = join(await temp(), 'nested', 'window-state.json');
    const state = { x: 5, y: 6, width: 1300, height: 900, maximized: true };
    writeWindowState(file, state);
    expect(await readWindowState(file)).toEqual(state);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(state);
  });

  it('treats a missing, damaged or foreign file as no state', async () => {
    const dir = await temp();
    expect(await readWindowState(join(dir, 'none.json'))).toBeNull();
    await writeFile(join(dir, 'broken.json'), '{"x": 1,');
    expect(await readWindowState(join(dir, 'broken.json'))).toBeNull();
    await writeFile(join(dir, 'other.json'), JSON.stringify({ x: 1, y: 1, width: -5, height: 3 }));
    expect(await readWindowState(join(dir, 'other.json'))).toBeNull();
  });
});
