import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenedFiles } from '../../../services/host/opened-files';
import { MAX_PROJECT_BYTES } from '../../../src/project/project-file';

describe('project files the system opens', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'opened-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('queues project files only, announces each, and hands them over in order', async () => {
    let announced = 0;
    const opened = new OpenedFiles(() => announced++);
    await writeFile(join(dir, 'Urlaub.pdbook'), '{"format":"photodose-project"}');
    await writeFile(join(dir, 'Zweites.pdbook'), 'zwei');
    expect(opened.add(join(dir, 'photo.jpg'))).toBe(false);
    expect(opened.add('Urlaub.pdbook', dir)).toBe(true);
    expect(opened.add(join(dir, 'Zweites.pdbook'))).toBe(true);
    expect(announced).toBe(2);
    expect(await opened.take()).toEqual({
      name: 'Urlaub.pdbook',
      text: '{"format":"photodose-project"}',
    });
    expect(await opened.take()).toEqual({ name: 'Zweites.pdbook', text: 'zwei' });
    expect(await opened.take()).toBeNull();
  });

  it('says why a file could not be read instead of failing the window', async () => {
    const opened = new OpenedFiles();
    opened.add(join(dir, 'weg.pdbook'));
    expect(await opened.take()).toEqual({ name: 'weg.pdbook', problem: 'ENOENT' });
    const big = join(dir, 'gross.pdbook');
    await writeFile(big, '');
    await truncate(big, MAX_PROJECT_BYTES + 1);
    opened.add(big);
    expect(await opened.take()).toEqual({ name: 'gross.pdbook', problem: 'too-large' });
  });
});
