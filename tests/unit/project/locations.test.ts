import { describe, expect, it } from 'vitest';
import { locationProblem } from '../../../src/project/locations';

/** Which last known locations a project may name: the host will read the file there. */
describe('locationProblem', () => {
  it.each([
    '/home/anna/Bilder/Urlaub/IMG_0001.JPG',
    '/Users/anna/Pictures/Photos Library/IMG_2.heic',
    '/media/anna/SD-KARTE/DCIM/100CANON/IMG_3.jpg',
    '/run/media/anna/USB/foto.png',
    '/mnt/nas/fotos/2024/strand.jpg',
    '/Volumes/Backup/Fotos/a.jpg',
    'C:\\Users\\Anna\\Pictures\\Sommer\\a.jpg',
    'c:/Users/Anna/Pictures/b.jpg',
    'D:\\Fotos\\c.jpg',
  ])('accepts %s', (path) => {
    expect(locationProblem(path)).toBeNull();
  });

  it.each([
    ['Bilder/a.jpg', 'not-absolute'],
    ['~/Bilder/a.jpg', 'not-absolute'],
    ['file:///home/anna/a.jpg', 'not-absolute'],
    ['/home/anna/../root/a.jpg', 'traversal'],
    ['/home/anna//a.jpg', 'traversal'],
    ['/home/anna/Bilder/', 'traversal'],
    ['C:\\Users\\Anna\\..\\..\\Windows\\a.jpg', 'traversal'],
    ['/home/anna/a\u0000.jpg', 'control-characters'],
    ['\\\\server\\share\\a.jpg', 'network-share'],
    ['\\\\?\\C:\\Users\\a.jpg', 'network-share'],
    ['//server/share/a.jpg', 'network-share'],
    ['/home/anna/.config/x.jpg', 'hidden-folder'],
    ['/etc/passwd', 'outside-photo-places'],
    ['/tmp/a.jpg', 'outside-photo-places'],
    ['/home/a.jpg', 'outside-photo-places'],
    ['/proc/self/environ', 'outside-photo-places'],
    ['C:\\Windows\\win.ini', 'outside-photo-places'],
    ['C:\\a.jpg', 'outside-photo-places'],
    ['C:\\Users\\a.jpg', 'outside-photo-places'],
  ])('refuses %s: %s', (path, reason) => {
    expect(locationProblem(path)).toBe(reason);
  });
});
