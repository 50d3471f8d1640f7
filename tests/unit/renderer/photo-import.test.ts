import { describe, expect, it } from 'vitest';
import { importPhotoFiles } from '../../../renderer/photo-import';
import { useAppStore } from '../../../renderer/stores/app-store';
import type { HostClient } from '../../../renderer/host/client';
import type { HostArgs } from '../../../src/contract/host';

/**
 * The desktop app's picked files become paths; a file with no path on disk (a picture dragged out
 * of a web page) can't be read by the host. It must be reported on its own, and the rest of the
 * selection imported, not the whole request refused for one empty path.
 */
function desktopHost(requests: HostArgs<'photos.import'>[]): HostClient {
  return {
    sourcesFor: (files) =>
      files.map((file) => ({
        kind: 'path',
        path: file.name.startsWith('web') ? '' : `/photos/${file.name}`,
      })),
    on: () => () => {},
    invoke: (async (name: string, args: unknown) => {
      if (name !== 'photos.import') throw new Error(`unexpected ${name}`);
      requests.push(args as HostArgs<'photos.import'>);
      return { photos: [], failures: [], duplicates: 0, cancelled: false };
    }) as HostClient['invoke'],
  };
}

describe('importPhotoFiles', () => {
  it('reports a file with no path on disk by name and imports the others', async () => {
    const requests: HostArgs<'photos.import'>[] = [];
    const files = [new File(['a'], 'Hafen.jpg'), new File(['b'], 'web-bild.png')];
    await importPhotoFiles(desktopHost(requests), files, {
      add: () => {},
      onError: (e) => {
        throw e;
      },
    });
    expect(requests.map((r) => r.sources)).toEqual([[{ kind: 'path', path: '/photos/Hafen.jpg' }]]);
    expect(useAppStore.getState().importReport?.failures).toEqual([
      { name: 'web-bild.png', code: 'unreadable', detail: 'not a file on disk' },
    ]);
  });

  it('asks the host nothing when no file has a path', async () => {
    const requests: HostArgs<'photos.import'>[] = [];
    await importPhotoFiles(desktopHost(requests), [new File(['b'], 'web-bild.png')], {
      add: () => {},
      onError: (e) => {
        throw e;
      },
    });
    expect(requests).toEqual([]);
    expect(useAppStore.getState().importReport?.failures.map((f) => f.name)).toEqual([
      'web-bild.png',
    ]);
    expect(useAppStore.getState().importProgress).toBeNull();
  });
});
