import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { labConfigFile, loadAppLab, refuseToStart, type LabSource } from '../../../electron/lab';
import type { LabRefusal } from '../../../src/lab/lab-policy';
import { releaseLab } from '../../fixtures/labs';

const appPath = '/opt/Photo Dose/resources/app.asar';
const releaseFile = join(appPath, 'out/release/lab.json');
const lab = releaseLab;
const packaged: LabSource = { packaged: true, appPath, env: {} };
const development: LabSource = { packaged: false, appPath, env: {} };

/** The files the app would read, in memory: Electron can't run here, its file system needs no fake. */
function files(byPath: Record<string, unknown>) {
  const read: string[] = [];
  const readText = async (file: string) => {
    read.push(file);
    if (!(file in byPath)) throw new Error(`ENOENT: no such file, open '${file}'`);
    return JSON.stringify(byPath[file]);
  };
  return { read, readText };
}

describe('where the app finds its lab', () => {
  it('reads only the checked release copy when packaged, whatever the environment says', async () => {
    const env = { PHOTODOSE_LAB_CONFIG: '/tmp/demo-lab.json' };
    expect(labConfigFile({ ...packaged, env })).toBe(releaseFile);
    const fs = files({
      [releaseFile]: lab,
      '/tmp/demo-lab.json': { ...lab, serverUrl: 'embedded' },
    });
    expect(await loadAppLab({ ...packaged, env }, fs.readText)).toEqual({ ok: true, config: lab });
    expect(fs.read).toEqual([releaseFile]);
  });

  it('takes the lab npm start hands over in development', () => {
    const env = { PHOTODOSE_LAB_CONFIG: '/work/.dev/app-lab.json' };
    expect(labConfigFile({ ...development, env })).toBe('/work/.dev/app-lab.json');
    expect(labConfigFile(development)).toBe(releaseFile);
  });
});

describe('which lab the app starts with', () => {
  const check = (source: LabSource, config: unknown) =>
    loadAppLab(source, files({ [releaseFile]: config }).readText);

  it('refuses the demonstration lab when packaged', async () => {
    expect(await check(packaged, { ...lab, serverUrl: 'embedded' })).toEqual({
      ok: false,
      refusal: { code: 'embedded' },
    });
  });

  it('refuses the demonstration lab in development too: only npm start can run it', async () => {
    expect(await check(development, { ...lab, serverUrl: 'embedded' })).toEqual({
      ok: false,
      refusal: { code: 'embedded' },
    });
  });

  it('takes a lab on 127.0.0.1 over http in development only', async () => {
    const local = { ...lab, serverUrl: 'http://127.0.0.1:4000' };
    expect(await check(development, local)).toEqual({ ok: true, config: local });
    expect(await check(packaged, local)).toEqual({
      ok: false,
      refusal: { code: 'insecure-server', serverUrl: 'http://127.0.0.1:4000' },
    });
  });

  it('refuses a release without a recipient', async () => {
    const { recipient: _recipient, ...noRecipient } = lab;
    expect(await check(packaged, noRecipient)).toEqual({
      ok: false,
      refusal: { code: 'no-recipient' },
    });
  });

  it('names the file it could not read', async () => {
    expect(await loadAppLab(packaged, files({}).readText)).toMatchObject({
      ok: false,
      refusal: { code: 'unreadable', file: releaseFile, detail: expect.stringContaining('ENOENT') },
    });
  });
});

describe('a refused start', () => {
  function refuse(refusal: LabRefusal, preferredLanguages: string[]) {
    const seen = { dialogs: [] as string[][], exits: [] as number[], log: [] as string[] };
    refuseToStart(refusal, {
      preferredLanguages,
      showErrorBox: (title, content) => seen.dialogs.push([title, content]),
      exit: (code) => seen.exits.push(code),
      log: (line) => seen.log.push(line),
    });
    return seen;
  }

  it('tells the customer in German by default, then exits with 1', () => {
    const seen = refuse({ code: 'embedded' }, ['fr-FR']);
    expect(seen.dialogs).toEqual([
      ['Photo Dose kann nicht starten', expect.stringContaining('Demonstrationslabor')],
    ]);
    expect(seen.exits).toEqual([1]);
    expect(seen.log).toEqual([expect.stringMatching(/^refusing to start: .*demonstration lab/)]);
  });

  it('speaks English to an English system', () => {
    const seen = refuse({ code: 'insecure-server', serverUrl: 'http://lab.example' }, ['en-US']);
    expect(seen.dialogs).toEqual([
      ['Photo Dose cannot start', expect.stringContaining('(http://lab.example) is not encrypted')],
    ]);
    expect(seen.exits).toEqual([1]);
  });
});
