import { describe, expect, it } from 'vitest';
import { layoutsFor, nextLayout } from '../../../src/layout/library';
import { templates } from './pages';

describe('layoutsFor', () => {
  it('lists the templates for that many photos, in library order', () => {
    expect(layoutsFor(templates, 2).map((t) => t.id)).toEqual([
      'two-columns',
      'two-rows',
      'two-large-small',
      'two-columns-title',
      'two-bleed-top',
    ]);
    expect(layoutsFor(templates, 6).map((t) => t.id)).toEqual([
      'six-grid-tall',
      'six-grid-wide',
      'six-title',
    ]);
    expect(layoutsFor(templates, 0)).toEqual([]);
    expect(layoutsFor(templates, 7)).toEqual([]);
  });
});

describe('nextLayout (shuffle)', () => {
  it('cycles through the layouts with the same photo count and wraps round', () => {
    const seen: string[] = [];
    let current: string | undefined = 'six-grid-tall';
    for (let i = 0; i < 4; i++) {
      current = nextLayout(templates, current, 6)?.id;
      seen.push(String(current));
    }
    expect(seen).toEqual(['six-grid-wide', 'six-title', 'six-grid-tall', 'six-grid-wide']);
  });

  it('starts at the first when the page has no layout or one for another count', () => {
    expect(nextLayout(templates, undefined, 3)?.id).toBe('three-hero-left');
    expect(nextLayout(templates, 'two-rows', 3)?.id).toBe('three-hero-left');
  });

  it('has nothing to offer for a count no template holds', () => {
    expect(nextLayout(templates, 'two-rows', 9)).toBeUndefined();
  });
});
