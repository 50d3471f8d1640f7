import { afterEach, describe, expect, it } from 'vitest';
import { projectCorpus } from '../../fixtures/project-corpus';
import { readProject } from '../../../src/project/read-project';
import { projectProblemText } from '../../../src/project/problem-text';

/**
 * Every file of the generated corpus through the reader: the good ones open, each hostile one is
 * refused with its own reason, and the reason reads as a sentence in both languages.
 */
const corpus = projectCorpus();
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

afterEach(() => {
  // Nothing a file said may reach the prototype every object shares.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.constructor).toBe(Object);
});

describe('project corpus', () => {
  it('holds at least 15 hostile files', () => {
    expect(corpus.filter((f) => 'refused' in f.expected).length).toBeGreaterThanOrEqual(15);
  });

  it.each(corpus.map((f) => [f.name, f] as const))('%s', (_name, file) => {
    const result = readProject(file.text);
    if ('opens' in file.expected) {
      expect(result.ok ? 'opened' : result.problem).toBe('opened');
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe(file.expected.refused);
    expect(result.problem).toMatchObject(file.expected.with ?? {});
    for (const locale of ['de', 'en'] as const) {
      const text = projectProblemText(locale, result.problem);
      expect(text.length).toBeGreaterThan(20);
      expect(text).not.toMatch(/[{}]/);
    }
  });
});

describe('what the reader returns', () => {
  it('gives back the design and the photos exactly as saved', () => {
    const good = corpus.find((f) => f.name === 'good-with-locations.pdbook')!;
    const result = readProject(good.text);
    if (!result.ok) throw new Error(result.problem.code);
    expect(result.project).toEqual(JSON.parse(good.text));
    expect(result.project.photos.map((p) => p.lastKnownPath)).toEqual([
      '/home/anna/Bilder/Urlaub_1.jpg',
      'D:\\Fotos\\2025\\Urlaub_2.jpg',
    ]);
  });

  it('brings a version 1 book up to the current format', () => {
    const old = corpus.find((f) => f.name === 'version-1-book.pdbook')!;
    const result = readProject(old.text);
    if (!result.ok || result.project.design.kind !== 'photoBook') throw new Error('not opened');
    expect(result.project.design.book.formatVersion).toBe(2);
  });

  it('names a newer version so the customer knows to update', () => {
    const future = corpus.find((f) => f.name === 'future-version.pdbook')!;
    const result = readProject(future.text);
    if (result.ok) throw new Error('opened');
    expect(projectProblemText('en', result.problem)).toContain(
      'made by a newer version of Photo Dose',
    );
    expect(projectProblemText('en', result.problem)).toContain('Please update');
    expect(projectProblemText('de', result.problem)).toContain('neueren Version von Photo Dose');
    // A white-label build names its own app.
    const white = projectProblemText('de', result.problem, 'Elbfoto');
    expect(white).toContain('neueren Version von Elbfoto');
    expect(white).toContain('Bitte aktualisiere Elbfoto.');
  });
});
