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
