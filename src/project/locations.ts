/**
 * Which paths a project may name as a photo's last known location. The desktop host reads the
 * file at that path when the project opens, so a hostile project must not be able to point it
 * anywhere: only absolute paths to files in places where customers keep photos are accepted.
 * Pure string rules (the core has no file system): the host resolves and re-checks on disk.
 */

/** Why a location is refused; each has a translated message (project.location.*). */
export type LocationProblem =
  | 'not-absolute'
  | 'traversal'
  | 'control-characters'
  | 'network-share'
  | 'hidden-folder'
  | 'outside-photo-places';

/**
 * Where photos live on the customer's machine: their home folder (Linux `/home/NAME`, macOS
 * `/Users/NAME`), mounted and removable drives (`/media`, `/run/media`, `/mnt`, `/Volumes`), and
 * on Windows `C:\Users\NAME` or any other drive letter. System folders, `/tmp`, `/etc`, the root
 * of `C:` and the like are not photo places.
 */
const POSIX_PHOTO_PLACES: readonly (readonly string[])[] = [
  ['home'],
  ['Users'],
  ['media'],
  ['run', 'media'],
  ['mnt'],
  ['Volumes'],
];

// Control characters (C0, DEL, C1) have no place in a file name a customer typed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The first reason the path is refused, or null when the host may look there. */
export function locationProblem(path: string): LocationProblem | null {
  if (CONTROL.test(path)) return 'control-characters';
  // `\\server\share` and `\\?\` would make Windows contact a server named by the file (and
  // offer it the customer's credentials): never.
  if (path.startsWith('\\\\') || path.startsWith('//')) return 'network-share';
  const windows = /^[A-Za-z]:[\\/]/.exec(path);
  if (!windows && !path.startsWith('/')) return 'not-absolute';
  const segments = (windows ? path.slice(3) : path.slice(1)).split(windows ? /[\\/]/ : '/');
  if (segments.some((s) => s === '.' || s === '..' || s === '')) return 'traversal';
  if (segments.some((s) => s.startsWith('.'))) return 'hidden-folder';
  return inPhotoPlace(windows ? path[0]!.toUpperCase() : null, segments)
    ? null
    : 'outside-photo-places';
}

/** Whether the segments (after the root) lie below a photo place, with a file name at the end. */
function inPhotoPlace(drive: string | null, segments: readonly string[]): boolean {
  if (drive !== null) {
    if (drive !== 'C') return segments.length >= 1;
    // C:\Users\NAME\...\file: a folder of the customer's own, then a file.
    return segments[0]?.toLowerCase() === 'users' && segments.length >= 3;
  }
  return POSIX_PHOTO_PLACES.some(
    (place) =>
      // The place, one folder in it (a user, a drive), then at least the file.
      segments.length >= place.length + 2 && place.every((part, i) => segments[i] === part),
  );
}
