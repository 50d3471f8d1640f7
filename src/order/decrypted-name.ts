/**
 * Where a decrypted order file lies in a pulled order's folder: the `.age` name with the photo's
 * own extension, `manifest.json` for the manifest. The lab's pull writes these names and its
 * renderer and support's view read them.
 */
export function decryptedName(storedName: string, mime?: string): string {
  if (storedName === 'manifest.age') return 'manifest.json';
  const base = storedName.replace(/\.age$/, '');
  const ext = mime !== undefined && Object.hasOwn(EXTENSIONS, mime) ? EXTENSIONS[mime] : undefined;
  return ext ? `${base}.${ext}` : base;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/tiff': 'tif',
  'image/avif': 'avif',
  'image/gif': 'gif',
  'image/heic': 'heic',
  'image/heif': 'heif',
};
