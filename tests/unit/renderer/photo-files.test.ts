import { describe, expect, it } from 'vitest';
import { hostRequests } from '../../../src/contract/host';
import {
  MAX_PHOTOS_AT_ONCE,
  droppedItems,
  photosFromDrop,
  photosFromFolderInput,
  type DroppedItem,
  type EntryLike,
} from '../../../renderer/photo-files';

/**
 * Chromium can't synthesise the drop of a folder, so the entries are built here with the shape
 * and habits of the browser's own: answers come later (never in the call), a folder's reader
 * hands out its entries in batches and then an empty one, and a failure comes through the error
 * callback.
 */
type Tree = { [name: string]: Tree | File | 'unreadable' };

const later = (run: () => void) => setTimeout(run, 0);

function entryOf(name: string, node: Tree[string], parent: string, batch: number): EntryLike {
  const fullPath = `${parent}/${name}`;
  if (node instanceof File || node === 'unreadable') {
    return {
      name,
      fullPath,
      isFile: true,
      isDirectory: false,
      file: (ok: (f: File) => void, fail: (e: unknown) => void) =>
        later(() => (node === 'unreadable' ? fail(new Error('NotReadableError')) : ok(node))),
    } as EntryLike;
  }
  return folderEntry(name, node, parent, batch);
}

/** A folder entry whose reader gives `batch` entries a call (Chromium: 100). */
function folderEntry(name: string, tree: Tree, parent = '', batch = 100): EntryLike {
  const fullPath = `${parent}/${name}`;
  return {
    name,
    fullPath,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      // The browser lists a folder in no particular order: reversed here, so order is our work.
      const children = Object.entries(tree).reverse();
      let at = 0;
      return {
        readEntries: (ok: (e: EntryLike[]) => void) =>
          later(() => {
            const part = children.slice(at, at + batch);
            at += part.length;
            ok(part.map(([n, node]) => entryOf(n, node, fullPath, batch)));
          }),
      };
    },
  } as EntryLike;
}

/** A folder the browser may not list (no permission). */
function unlistable(name: string): EntryLike {
  return {
    name,
    fullPath: `/${name}`,
    isFile: false,
    isDirectory: true,
    createReader: () => ({
      readEntries: (_ok: unknown, fail: (e: unknown) => void) =>
        later(() => fail(new Error('NotReadableError'))),
    }),
  } as EntryLike;
}

const photo = (name: string, type = 'image/jpeg') => new File([new Uint8Array(4)], name, { type });
const other = (name: string, type = '') => new File([new Uint8Array(4)], name, { type });
const names = (files: File[]) => files.map((f) => f.name);
const dropOf = (...entries: EntryLike[]): DroppedItem[] =>
  entries.map((entry) => ({ entry, file: null }));

describe('photosFromDrop', () => {
  it('walks nested folders in path order, keeps photos, skips hidden files and counts the rest', async () => {
    const holiday: Tree = {
      'IMG_10.jpg': photo('IMG_10.jpg'),
      'IMG_2.JPG': photo('IMG_2.JPG'),
      'IMG_1.jpeg': photo('IMG_1.jpeg'),
      'clip.MOV': other('clip.MOV', 'video/quicktime'),
      'notes.txt': other('notes.txt', 'text/plain'),
      '.DS_Store': other('.DS_Store'),
      '._IMG_1.jpeg': photo('._IMG_1.jpeg'),
      'Thumbs.db': other('Thumbs.db'),
      'Tag 2': { 'b.heic': photo('b.heic', ''), 'a.PNG': photo('a.PNG', 'image/png') },
      'Tag 10': { 'c.webp': photo('c.webp', 'image/webp') },
      '.thumbnails': { 't.jpg': photo('t.jpg') },
      __MACOSX: { 'x.jpg': photo('x.jpg') },
    };
    const found = await photosFromDrop(dropOf(folderEntry('Urlaub', holiday)));
    expect(names(found.files)).toEqual([
      'IMG_1.jpeg',
      'IMG_2.JPG',
      'IMG_10.jpg',
      'a.PNG',
      'b.heic',
      'c.webp',
    ]);
    expect(found).toMatchObject({ skipped: 2, overLimit: false, failures: [] });
  });

  it('reads a folder until the reader gives an empty batch', async () => {
    const big: Tree = {};
    for (let i = 1; i <= 250; i++) big[`P${i}.jpg`] = photo(`P${i}.jpg`);
    const found = await photosFromDrop(dropOf(folderEntry('Alle', big, '', 100)));
    expect(found.files).toHaveLength(250);
    expect(found.files[0]!.name).toBe('P1.jpg');
    expect(found.files.at(-1)!.name).toBe('P250.jpg');
  });

  it('knows photos by extension in any case or by MIME type', async () => {
    const tree: Tree = {
      'a.JPE': photo('a.JPE', ''),
      'b.Tiff': photo('b.Tiff', ''),
      'c.avif': photo('c.avif', ''),
      'd.GIF': photo('d.GIF', ''),
      'e.heif': photo('e.heif', ''),
      'f.tif': photo('f.tif', ''),
      scan: photo('scan', 'image/jpeg'),
      'raw.CR2': other('raw.CR2', 'image/x-canon-cr2'),
      'doc.pdf': other('doc.pdf', 'application/pdf'),
      jpg: other('jpg'),
    };
    const found = await photosFromDrop(dropOf(folderEntry('Mix', tree)));
    expect(names(found.files)).toEqual([
      'a.JPE',
      'b.Tiff',
      'c.avif',
      'd.GIF',
      'e.heif',
      'f.tif',
      'scan',
    ]);
    expect(found.skipped).toBe(3);
  });

  it('passes files dropped one by one as they are, in the order dropped, folders at their place', async () => {
    const notes = other('notes.txt', 'text/plain');
    const hidden = other('.hidden.jpg');
    const items: DroppedItem[] = [
      { entry: null, file: photo('Z.jpg') },
      { entry: null, file: notes },
      {
        entry: folderEntry('Ordner', { 'B.jpg': photo('B.jpg'), 'A.jpg': photo('A.jpg') }),
        file: null,
      },
      { entry: null, file: hidden },
    ];
    const found = await photosFromDrop(items);
    expect(names(found.files)).toEqual(['Z.jpg', 'notes.txt', 'A.jpg', 'B.jpg', '.hidden.jpg']);
    expect(found.skipped).toBe(0);
  });

  it('stops at the bound with the first photos in path order and says so', async () => {
    const tree: Tree = {};
    for (const n of [5, 4, 3, 2, 1]) tree[`IMG_${n}.jpg`] = photo(`IMG_${n}.jpg`);
    const over = await photosFromDrop(dropOf(folderEntry('F', tree)), 3);
    expect(names(over.files)).toEqual(['IMG_1.jpg', 'IMG_2.jpg', 'IMG_3.jpg']);
    expect(over.overLimit).toBe(true);
    const exact = await photosFromDrop(dropOf(folderEntry('F', tree)), 5);
    expect(exact.files).toHaveLength(5);
    expect(exact.overLimit).toBe(false);
  });

  it('names a folder or photo it cannot open and goes on with the rest', async () => {
    const tree: Tree = {
      'a.jpg': photo('a.jpg'),
      'b.jpg': 'unreadable',
      'c.mp4': 'unreadable',
      Sub: { 'd.jpg': photo('d.jpg') },
    };
    const found = await photosFromDrop(dropOf(folderEntry('F', tree), unlistable('Privat')));
    expect(names(found.files)).toEqual(['a.jpg', 'd.jpg']);
    expect(found.failures.map((f) => [f.name, f.code])).toEqual([
      ['F/b.jpg', 'unreadable'],
      ['Privat', 'unreadable'],
    ]);
    expect(found.skipped).toBe(1);
  });

  it('takes as many photos as one import request may carry', () => {
    const source = { kind: 'path', path: '/p.jpg' };
    const sources = hostRequests['photos.import'].args.shape.sources;
    expect(sources.safeParse(Array(MAX_PHOTOS_AT_ONCE).fill(source)).success).toBe(true);
    expect(sources.safeParse(Array(MAX_PHOTOS_AT_ONCE + 1).fill(source)).success).toBe(false);
  });
});

describe('photosFromFolderInput', () => {
  const inFolder = (path: string, type = 'image/jpeg') => {
    const file = new File([new Uint8Array(4)], path.split('/').at(-1)!, { type });
    Object.defineProperty(file, 'webkitRelativePath', { value: path });
    return file;
  };

  it('keeps the photos in path order, leaves hidden ones out and counts the others', () => {
    const found = photosFromFolderInput([
      inFolder('Urlaub/Tag 10/IMG_1.jpg'),
      inFolder('Urlaub/IMG_10.jpg'),
      inFolder('Urlaub/IMG_9.jpg'),
      inFolder('Urlaub/Tag 2/IMG_3.jpg'),
      inFolder('Urlaub/.DS_Store', ''),
      inFolder('Urlaub/.cache/IMG_0.jpg'),
      inFolder('Urlaub/film.mp4', 'video/mp4'),
      inFolder('Urlaub/Tag 2/readme.txt', 'text/plain'),
    ]);
    expect(
      found.files.map((f) => (f as File & { webkitRelativePath: string }).webkitRelativePath),
    ).toEqual([
      'Urlaub/IMG_9.jpg',
      'Urlaub/IMG_10.jpg',
      'Urlaub/Tag 2/IMG_3.jpg',
      'Urlaub/Tag 10/IMG_1.jpg',
    ]);
    expect(found).toMatchObject({ skipped: 2, overLimit: false });
  });

  it('stops at the bound', () => {
    const files = [3, 1, 2].map((n) => inFolder(`F/${n}.jpg`));
    const found = photosFromFolderInput(files, 2);
    expect(names(found.files)).toEqual(['1.jpg', '2.jpg']);
    expect(found.overLimit).toBe(true);
  });
});

describe('droppedItems', () => {
  it('reads each file item as an entry at drop time', () => {
    const entry = folderEntry('F', {});
    const file = photo('a.jpg');
    const items = droppedItems({
      items: [
        { kind: 'file', webkitGetAsEntry: () => entry, getAsFile: () => file },
        { kind: 'string', webkitGetAsEntry: () => null, getAsFile: () => null },
      ],
      files: [file],
    });
    expect(items).toEqual([{ entry, file }]);
  });

  it('falls back to the files where items have no entries', () => {
    const file = photo('a.jpg');
    const items = droppedItems({ items: [{ kind: 'file', getAsFile: () => file }], files: [file] });
    expect(items).toEqual([{ entry: null, file }]);
  });
});
