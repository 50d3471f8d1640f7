import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * Where the window was and how big: the only app state the desktop app writes besides projects
 * and the recovery copy. Nothing personal: four numbers and a flag.
 */
export const WindowState = z
  .object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    maximized: z.boolean(),
  })
  .strict();
export type WindowState = z.infer<typeof WindowState>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The smallest window the designer is usable in; a saved size below it is raised. */
export const MIN_WINDOW = { width: 960, height: 640 };

/**
 * The bounds to open with: the saved ones if they still fit a screen (a monitor may have been
 * unplugged since), shrunk to that screen's work area; otherwise the default size, centred on the
 * primary screen (the first work area) by leaving the position to the system.
 */
export function boundsToOpen(
  saved: WindowState | null,
  workAreas: readonly Rect[],
  defaults: { width: number; height: number },
): Partial<Rect> & { width: number; height: number; maximized: boolean } {
  const fallback = { ...defaults, maximized: false };
  if (!saved) return fallback;
  // Enough of the title bar must be on some screen to grab it: 100 px of its width, half its height.
  const home = workAreas.find((area) => overlap(saved, area, 100, 40));
  if (!home) return { ...fallback, maximized: saved.maximized };
  const width = clamp(saved.width, Math.min(MIN_WINDOW.width, home.width), home.width);
  const height = clamp(saved.height, Math.min(MIN_WINDOW.height, home.height), home.height);
  return {
    x: clamp(saved.x, home.x, home.x + home.width - width),
    y: clamp(saved.y, home.y, home.y + home.height - height),
    width,
    height,
    maximized: saved.maximized,
  };
}

/** Whether the window's top strip (its title bar) shows at least minWidth x minHeight of the area. */
function overlap(window: Rect, area: Rect, minWidth: number, minHeight: number): boolean {
  const width = Math.min(window.x + window.width, area.x + area.width) - Math.max(window.x, area.x);
  const bottom = Math.min(window.y + minHeight, area.y + area.height);
  return width >= minWidth && bottom - Math.max(window.y, area.y) >= minHeight / 2;
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(value, high));

/** The saved state, or null when there is none or it is unreadable (a damaged file is not fatal). */
export async function readWindowState(file: string): Promise<WindowState | null> {
  try {
    const parsed = WindowState.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Written beside and renamed over, so a crash mid-write leaves the old state, not half a file.
 * Synchronous on purpose: it runs as the window closes, and the app may quit right after.
 */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  writeFileSync(partial, JSON.stringify(WindowState.parse(state)));
  renameSync(partial, file);
}
