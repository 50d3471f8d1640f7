import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where customers keep pictures, for the search for moved photos: the system's picture folder
 * (XDG's on Linux; `Pictures` on Windows and macOS, shown as "Bilder" in German), the German
 * names some keep by hand, and the desktop's own photo folder. Folders that don't exist are
 * simply found empty.
 */
export function pictureFolders(
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string[] {
  const named = ['Pictures', 'Bilder', 'Fotos', 'Photos'].map((name) => join(home, name));
  const xdg = env.XDG_PICTURES_DIR?.replace(/^\$HOME/, home);
  return [...new Set([...(xdg ? [xdg] : []), ...named])];
}
