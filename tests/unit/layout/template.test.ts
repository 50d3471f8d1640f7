import { describe, expect, it } from 'vitest';
import { parseLayouts } from '../../../src/layout/template';
import { templates } from './pages';

describe('the shipped layouts', () => {
  it('has at least 16 templates, each photo count from 1 to 6', () => {
    expect(templates.length).toBe(27);
    const counts = templates.map((t) => t.photoCount);
    expect([...new Set(counts)].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(counts.filter((c) => c === 1).length).toBe(6);
    expect(counts.filter((c) => c === 6).length).toBe(3);
  });

  it('has templates with a title or caption, full-bleed ones and one title on a photo', () => {
    const withText = templates.filter((t) => t.textCount > 0).map((t) => t.id);
    expect(withText).toEqual([
      'one-title-top',
      'one-caption',
      'one-bleed-title-overlay',
      'two-columns-title',
      'three-title-hero',
      'four-grid-caption',
      'five-title',
      'six-title',
    ]);
    const bleeding = templates.filter((t) =>
      t.frames.some((f) => f.role === 'photo' && f.bleed.length > 0),
    );
    expect(bleeding.map((t) => t.id)).toEqual([
      'one-full-bleed',
      'one-bleed-title-overlay',
      'two-bleed-top',
      'three-bleed-hero',
    ]);
  });
});

/** A valid two-column template to break one rule at a time. */
function twoColumns() {
  return {
    id: 'test',
    photoCount: 2,
    textCount: 0,
    grid: { columns: [1, 1], rows: [1] },
    frames: [
      { role: 'photo', area: { column: 0, row: 0, columnSpan: 1, rowSpan: 1 }, aspect: 'any' },
      { role: 'photo', area: { column: 1, row: 0, columnSpan: 1, rowSpan: 1 }, aspect: 'any' },
    ] as Record<string, unknown>[],
  };
}

const parseOne = (template: unknown) => () => parseLayouts({ templates: [template] });

describe('parseLayouts refuses a template that breaks a design rule', () => {
  it('accepts the valid one, with no bleed and no overlay by default', () => {
    const [parsed] = parseLayouts({ templates: [twoColumns()] }).templates;
    expect(parsed?.frames[0]).toEqual({
      role: 'photo',
      area: { column: 0, row: 0, columnSpan: 1, rowSpan: 1 },
      aspect: 'any',
      bleed: [],
    });
  });

  it('a frame past the grid (it would leave the safe box)', () => {
    const t = twoColumns();
    t.frames[1] = { ...t.frames[1], area: { column: 1, row: 0, columnSpan: 2, rowSpan: 1 } };
    expect(parseOne(t)).toThrow(
      'layouts invalid at templates.0.frames.1.area: frame reaches past the grid',
    );
  });

  it('a bleed on a side the frame does not reach', () => {
    const t = twoColumns();
    t.frames[0] = { ...t.frames[0], bleed: ['top', 'right'] };
    expect(parseOne(t)).toThrow(
      'templates.0.frames.0.bleed: bleeds right but does not reach the right of the grid',
    );
  });

  it('two frames on the same cell', () => {
    const t = twoColumns();
    t.frames[1] = { ...t.frames[1], area: { column: 0, row: 0, columnSpan: 2, rowSpan: 1 } };
    expect(parseOne(t)).toThrow('templates.0.frames.0.area: overlaps frame 1');
  });

  it('a text overlay listed before (drawn under) its photo, or one that is not an overlay', () => {
    const t = twoColumns();
    t.textCount = 1;
    const title = { role: 'text', area: t.frames[0]?.area, purpose: 'title', overlay: true };
    t.frames = [title, ...t.frames];
    expect(parseOne(t)).toThrow('templates.0.frames.0.area: overlaps frame 1');
    t.frames = [...t.frames.slice(1), { ...title, overlay: false }];
    expect(parseOne(t)).toThrow('templates.0.frames.0.area: overlaps frame 2');
    t.frames = [...t.frames.slice(0, 2), title];
    expect(parseOne(t)).not.toThrow();
  });

  it('counts that do not match the frames, and an id used twice', () => {
    expect(parseOne({ ...twoColumns(), photoCount: 3 })).toThrow(
      'templates.0.photoCount: says 3 photos but has 2 photo frames',
    );
    expect(parseOne({ ...twoColumns(), textCount: 1 })).toThrow(
      'templates.0.textCount: says 1 texts but has 0 text frames',
    );
    expect(() => parseLayouts({ templates: [twoColumns(), twoColumns()] })).toThrow(
      'templates.1.id: template id test is used twice',
    );
  });

  it('a weight that is not a whole positive number', () => {
    expect(parseOne({ ...twoColumns(), grid: { columns: [1, 0.5], rows: [1] } })).toThrow(
      'templates.0.grid.columns.1: weights are whole numbers',
    );
  });
});
