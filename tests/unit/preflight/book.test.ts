import { describe, expect, it } from 'vitest';
import { findProduct } from '../../../src/catalog/catalog';
import type { Book } from '../../../src/model/book';
import { preflight, type CheckContext } from '../../../src/preflight/check';
import { blocksOrder, worstSeverity, type Finding } from '../../../src/preflight/findings';
import {
  a4,
  bookOf,
  catalog,
  nothingMissing,
  pageAt,
  photo,
  textFrame,
  withFrame,
  withPhotoOn,
} from './fixtures';

const check = (book: Book, context: CheckContext = nothingMissing) =>
  preflight({ kind: 'photoBook', book }, catalog, context);
const ofKind = <K extends Finding['kind']>(findings: readonly Finding[], kind: K) =>
  findings.filter((f): f is Extract<Finding, { kind: K }> => f.kind === kind);

/** 24 MP, 6000 x 4000: sharp even cropped to a portrait A4 page (about 335 dpi). */
const big = photo(1, 6000, 4000);
/** The photo: 320 x 180 px filling an A4 page is about 15 dpi. */
const tiny = photo(2, 320, 180);

describe('resolution of placed photos', () => {
  it('flags a 320x180 photo on a whole A4 page as too low, with its dpi, name and place', () => {
    const book = withPhotoOn(bookOf(), 1, tiny);
    const [finding] = ofKind(check(book), 'resolution');
    expect(finding).toMatchObject({
      severity: 'problem',
      tier: 'low',
      dpi: 15,
      assetName: 'IMG_2.jpg',
      printedMm: { width: 216, height: 303 },
      // Page 2 is the left page of the first spread: surface 2 (cover 0, page 1 alone 1).
      place: { kind: 'page', surfaceIndex: 2, pageNumber: 2, pageId: pageAt(book, 1) },
    });
    expect(finding?.place).toHaveProperty('frameId');
  });

  it('says nothing about a photo that prints sharp', () => {
    const book = withPhotoOn(bookOf(), 1, big);
    expect(ofKind(check(book), 'resolution')).toEqual([]);
  });

  it('reads the crop: zooming in on a sharp photo lowers its resolution into the tiers', () => {
    // About 335 dpi at fill; zoom 1.5 shows two thirds as many pixels across, zoom 2 half.
    const book = withPhotoOn(bookOf(), 1, photo(3, 3000, 4000));
    const frame = Object.values(book.frames).find((f) => f.kind === 'photo' && f.assetId)!;
    if (frame.kind !== 'photo') throw new Error('photo frame expected');
    const at = (zoom: number) =>
      ofKind(check(withFrame(book, { ...frame, crop: { panX: 0, panY: 0, zoom } })), 'resolution');
    expect(at(1)).toEqual([]);
    expect(at(1.5)[0]).toMatchObject({ tier: 'ok', severity: 'info' });
    expect(at(2)[0]).toMatchObject({ tier: 'warn', severity: 'warning' });
    expect(at(3)[0]).toMatchObject({ tier: 'low', severity: 'problem' });
  });

  it('checks a page background photo over its bleed box', () => {
    const book = bookOf();
    const pageId = pageAt(book, 4);
    const page = book.pages[pageId]!;
    const withBackground: Book = {
      ...book,
      assets: { ...book.assets, [tiny.id]: tiny },
      pages: {
        ...book.pages,
        [pageId]: {
          ...page,
          background: { kind: 'photo', assetId: tiny.id, crop: { panX: 0, panY: 0, zoom: 1 } },
        },
      },
    };
    const [finding] = ofKind(check(withBackground), 'resolution');
    expect(finding?.place).toEqual({ kind: 'page', surfaceIndex: 3, pageId, pageNumber: 5 });
    expect(finding?.printedMm).toEqual({ width: 216, height: 303 });
  });
});

describe('empty photo frames', () => {
  it('lists each empty photo frame of a new book, on its surface and page', () => {
    const book = bookOf();
    const empty = ofKind(check(book), 'emptyPhotoFrame');
    expect(empty).toHaveLength(24);
    expect(empty.every((f) => f.severity === 'warning')).toBe(true);
    const places = empty.map(
      (f) => f.place.kind === 'page' && [f.place.surfaceIndex, f.place.pageNumber],
    );
    expect(places.slice(0, 3)).toEqual([
      [1, 1],
      [2, 2],
      [2, 3],
    ]);
    expect(places.at(-1)).toEqual([13, 24]);
  });

  it('stops listing a frame once it holds a photo', () => {
    const book = withPhotoOn(bookOf(), 0, big);
    expect(ofKind(check(book), 'emptyPhotoFrame')).toHaveLength(23);
  });
});

describe('text', () => {
  const pageId = (book: Book) => pageAt(book, 1);
  const long =
    'Ein langer Sommer an der Weser, mit Deich und Hafen, mit Oma und dem Strand bei Bremerhaven.';

  it('finds text that runs past its frame, measured in the font that prints', () => {
    const book = bookOf();
    const cramped = textFrame(pageId(book), { x: 20, y: 20, w: 40, h: 10 }, long);
    const [finding] = ofKind(check(withFrame(book, cramped)), 'textOverflow');
    expect(finding).toMatchObject({ severity: 'problem', place: { frameId: cramped.id } });
    expect(finding!.overrunMm).toBeGreaterThan(10);
  });

  it('accepts the same text in a frame tall enough for its lines', () => {
    const book = bookOf();
    const roomy = textFrame(pageId(book), { x: 20, y: 20, w: 40, h: 100 }, long);
    expect(ofKind(check(withFrame(book, roomy)), 'textOverflow')).toEqual([]);
  });

  it('does not guess overflow without a measure of the fonts', () => {
    const book = bookOf();
    const cramped = textFrame(pageId(book), { x: 20, y: 20, w: 40, h: 10 }, long);
    const context = { missingAssetIds: new Set<string>() };
    expect(ofKind(check(withFrame(book, cramped), context), 'textOverflow')).toEqual([]);
  });

  it('warns about text between the safe area and the cut, and more where the cut takes it', () => {
    const book = bookOf();
    const near = textFrame(pageId(book), { x: 3, y: 50, w: 60, h: 20 }, 'Am Rand');
    const beyond = textFrame(pageId(book), { x: -5, y: 100, w: 60, h: 20 }, 'Abgeschnitten');
    const safe = textFrame(pageId(book), { x: 30, y: 150, w: 60, h: 20 }, 'Sicher');
    const findings = ofKind(
      check(withFrame(withFrame(withFrame(book, near), beyond), safe)),
      'textOutsideSafeArea',
    );
    expect(
      findings.map((f) => [f.place.kind === 'page' && f.place.frameId, f.severity, f.beyondTrim]),
    ).toEqual([
      [near.id, 'warning', false],
      [beyond.id, 'problem', true],
    ]);
    expect(findings[0]!.safeMm).toBe(8);
  });

  it('turns the frame before it measures: a tall narrow frame turned 90° reaches past the cut', () => {
    const book = bookOf();
    // 10 x 250 mm upright lies inside the safe area; turned about its centre it is 250 mm wide
    // on a 210 mm page.
    const upright = textFrame(pageId(book), { x: 100, y: 25, w: 10, h: 250 }, 'Quer');
    expect(ofKind(check(withFrame(book, upright)), 'textOutsideSafeArea')).toEqual([]);
    const turned = { ...upright, rotationDeg: 90 };
    const [finding] = ofKind(check(withFrame(book, turned)), 'textOutsideSafeArea');
    expect(finding).toMatchObject({ beyondTrim: true });
  });

  it('ignores empty text frames: they print nothing', () => {
    const book = bookOf();
    const empty = textFrame(pageId(book), { x: -5, y: 20, w: 40, h: 2 }, '  ');
    expect(
      check(withFrame(book, empty)).filter(
        (f) => f.place.kind === 'page' && f.place.frameId === empty.id,
      ),
    ).toEqual([]);
  });
});

describe('photos missing on disk', () => {
  it('blocks the order for a placed photo the host can no longer read, instead of its dpi', () => {
    const book = withPhotoOn(bookOf(), 1, tiny);
    const findings = check(book, { ...nothingMissing, missingAssetIds: new Set([tiny.id]) });
    expect(ofKind(findings, 'resolution')).toEqual([]);
    expect(ofKind(findings, 'photoMissing')).toMatchObject([
      { severity: 'blocking', assetId: tiny.id, assetName: 'IMG_2.jpg' },
    ]);
    expect(blocksOrder(findings)).toBe(true);
  });

  it('does not block for a missing photo that only waits in the tray', () => {
    const book = withPhotoOn(bookOf(), 1, big);
    const withUnused = { ...book, assets: { ...book.assets, [tiny.id]: tiny } };
    const findings = check(withUnused, { ...nothingMissing, missingAssetIds: new Set([tiny.id]) });
    expect(ofKind(findings, 'photoMissing')).toEqual([]);
    expect(blocksOrder(findings)).toBe(false);
  });
});

describe('page count and spine', () => {
  /** A book whose page list was cut or padded to `count` pages, as a damaged file might be. */
  const withPages = (book: Book, count: number): Book => {
    const ids = book.pageIds.slice(0, count);
    while (ids.length < count) ids.push(book.pageIds[ids.length % book.pageIds.length]!);
    return { ...book, pageIds: ids, options: { pageCount: count } };
  };

  it('blocks page counts the lab cannot bind, naming the rule', () => {
    const book = withPhotoOn(bookOf(a4, 200), 0, big);
    expect(ofKind(check(book), 'pageCount')).toEqual([]);
    const tooMany = withPages(book, 202);
    expect(ofKind(check(tooMany), 'pageCount')).toEqual([
      {
        kind: 'pageCount',
        severity: 'blocking',
        place: { kind: 'design' },
        pageCount: 202,
        min: 24,
        max: 200,
        step: 2,
      },
    ]);
    expect(blocksOrder(check(tooMany))).toBe(true);
  });

  it('reports an odd page count without failing on the geometry', () => {
    const odd = withPages(withPhotoOn(bookOf(), 0, big), 23);
    expect(check(odd).map((f) => f.kind)).toEqual(['pageCount']);
  });

  it('warns when spine text sits on a spine that became too thin for it', () => {
    // 30 pages: 2 mm board + 3 mm paper = 5 mm, just wide enough for text.
    const thick = withPhotoOn(bookOf(a4, 30), 0, big);
    const spineText = textFrame(thick.cover.spineId, { x: 1, y: 20, w: 3, h: 100 }, 'Sommer');
    const ok = withFrame(thick, spineText);
    expect(ofKind(check(ok), 'spineTooThin')).toEqual([]);
    const thin = withPages(ok, 24);
    expect(ofKind(check(thin), 'spineTooThin')).toMatchObject([
      {
        severity: 'warning',
        spineMm: 4.4,
        minMm: 5,
        pagesNeeded: 30,
        place: { surfaceIndex: 0, panel: 'spine' },
      },
    ]);
  });
});

describe('the whole check', () => {
  it('needs at least one photo printed', () => {
    expect(check(bookOf())[0]).toMatchObject({ kind: 'nothingToPrint', severity: 'blocking' });
    expect(ofKind(check(withPhotoOn(bookOf(), 0, big)), 'nothingToPrint')).toEqual([]);
  });

  it('orders findings as the customer meets them and names the worst', () => {
    const book = withPhotoOn(withPhotoOn(bookOf(), 5, tiny), 1, big);
    const findings = check(book);
    const surfaces = findings.map((f) => (f.place.kind === 'page' ? f.place.surfaceIndex : -1));
    expect(surfaces).toEqual([...surfaces].sort((a, b) => a - b));
    expect(worstSeverity(findings)).toBe('problem');
    expect(worstSeverity([])).toBeNull();
    expect(blocksOrder(findings)).toBe(false);
  });

  it('works for any photo book of the catalog', () => {
    for (const product of catalog.products) {
      if (product.kind !== 'photoBook') continue;
      const book = withPhotoOn(bookOf(findProduct(catalog, product.id, 'photoBook')), 0, big);
      expect(blocksOrder(check(book))).toBe(false);
    }
  });
});
