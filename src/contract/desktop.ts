import { z } from 'zod';
import { isLocale, type Locale } from '../i18n/locales';

/**
 * What the desktop app's window and its main process say to each other beyond the host's
 * services: the menu bar the renderer built from the command registry, and a project file the
 * operating system asked the app to open. Plain data, checked like every request.
 */
const MenuCommandItem = z
  .object({
    kind: z.literal('command'),
    id: z.string().min(1).max(80),
    label: z.string().max(200),
    accelerator: z.string().max(40).optional(),
    enabled: z.boolean(),
  })
  .strict();

export const DesktopMenu = z
  .object({
    locale: z.custom<Locale>((v) => typeof v === 'string' && isLocale(v), 'unknown language'),
    menus: z
      .array(
        z
          .object({
            id: z.string().min(1).max(40),
            label: z.string().max(80),
            items: z
              .array(
                z.union([MenuCommandItem, z.object({ kind: z.literal('separator') }).strict()]),
              )
              .max(60),
          })
          .strict(),
      )
      .max(12),
    /** Focus is in a text field: Edit's undo and redo are the field's own (electron/menu.ts). */
    textFocus: z.boolean().optional(),
  })
  .strict();
export type DesktopMenu = z.infer<typeof DesktopMenu>;

/** A project file handed over by the system (double-click, "Open with", a second start). */
export const OpenedProjectFile = z.union([
  z.object({ name: z.string(), text: z.string() }),
  /** The file could not be read: its name and why, for the customer. */
  z.object({ name: z.string(), problem: z.string() }),
]);
export type OpenedProjectFile = z.infer<typeof OpenedProjectFile>;

/** Where an update of the desktop app stands; a browser is always 'idle'. */
export const UpdateState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle') }),
  z.object({
    state: z.literal('downloading'),
    version: z.string(),
    percent: z.number().min(0).max(100),
    bytesPerSecond: z.number().nonnegative(),
  }),
  /** Downloaded and checked: installs when the customer restarts the app. */
  z.object({ state: z.literal('ready'), version: z.string() }),
]);
export type UpdateState = z.infer<typeof UpdateState>;

export const InstallUpdateResult = z.object({
  started: z.boolean(),
  /** Why not: no update is ready, or an order is still uploading (a restart would interrupt it). */
  reason: z.enum(['order-running', 'not-ready']).optional(),
});
export type InstallUpdateResult = z.infer<typeof InstallUpdateResult>;
