import { beforeEach, describe, expect, it } from 'vitest';
import { corpusPhoto, projectCorpus } from '../../fixtures/project-corpus';
import { catalog } from '../model/fixtures';
import { findProduct } from '../../../src/catalog/catalog';
import { useAppStore } from '../../../renderer/stores/app-store';
import { hasUnsavedChanges } from '../../../renderer/stores/project-slice';

/**
 * The renderer's store, as the open dialog uses it: a refused project file must leave the book
 * the customer has open exactly as it was (same book, same history, same screen), and say why.
 */
const product = findProduct(catalog, 'book-21x21-hardcover', 'photoBook');
const hostile = projectCorpus().flatMap((f) =>
  'refused' in f.expected ? [{ ...f, refused: f.expected.refused }] : [],
);

function designSomething() {
  const store = useAppStore.getState();
  store.startBook(product);
  store.setView('designer');
  store.addPhotos([corpusPhoto(9)]);
  const book = useAppStore.getState().book!;
  const frameId = Object.values(book.frames).find((f) => f.pageId === book.pageIds[0])!.id;
  useAppStore.getState().placeInFrame(frameId, corpusPhoto(9).id);
}

beforeEach(() => {
  useAppStore.getState().closeProject();
  designSomething();
});

describe('opening a project file into the store', () => {
  it.each(hostile.map((f) => [f.name, f] as const))(
    '%s leaves the open book untouched',
    (name, file) => {
      const before = useAppStore.getState();
      expect(useAppStore.getState().openProjectText(name, file.text, null)).toBe(false);
      const after = useAppStore.getState();
      expect(after.book).toBe(before.book);
      expect(after.history).toBe(before.history);
      expect(after.designKind).toBe('photoBook');
      expect(after.view).toBe('designer');
      expect(after.projectPhotos).toBe(before.projectPhotos);
      expect(after.openProblem).toEqual({
        file: name,
        problem: expect.objectContaining({ code: file.refused }),
      });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('opens a sound file in place of the book, with nothing unsaved', () => {
    const good = projectCorpus().find((f) => f.name === 'good.pdbook')!;
    expect(hasUnsavedChanges(useAppStore.getState())).toBe(true);
    expect(
      useAppStore.getState().openProjectText('Sommer.pdbook', good.text, {
        name: 'Sommer.pdbook',
        writable: true,
      }),
    ).toBe(true);
    const state = useAppStore.getState();
    expect(state.book?.title).toBe('Sommer an der Weser');
    expect(state.history.undo).toEqual([]);
    expect(state.projectPhotos.map((p) => p.name)).toEqual(['Urlaub_1.jpg', 'Urlaub_2.jpg']);
    expect(hasUnsavedChanges(state)).toBe(false);

    state.applyEdit('book.title', (book) => [
      { kind: 'title', before: book.title, after: 'Herbst' },
    ]);
    expect(hasUnsavedChanges(useAppStore.getState())).toBe(true);
  });
});
