import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { build, type Rollup } from 'vite';
import { labBuild } from '../../../scripts/lab-build';
import { LAB_MARKER } from '../../../services/lab/lab-folder';

/**
 * The white-label seam as Vite runs it: a page that imports the catalog the way the app does
 * (assets/catalog.json) and the lab module, built for a lab folder. What the bundle holds is
 * that lab's catalog, name, colours and logo; a broken lab folder fails the build.
 */
const root = resolve(import.meta.dirname, '../../..');
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'lab-build-'));
  await writeFile(
    join(work, 'entry.ts'),
    [
      `import catalog from ${JSON.stringify(join(root, 'assets', 'catalog.json'))};`,
      `import { lab, logoUrl } from 'virtual:photodose-lab';`,
      `import 'virtual:photodose-lab.css';`,
      `globalThis.built = { catalog, lab, logoUrl };`,
    ].join('\n'),
  );
});

afterAll(() => rm(work, { recursive: true, force: true }));

/** Builds the page for `lab` (a folder under `labsRoot`/assets/labs) and returns its files. */
async function buildFor(lab: string, labsRoot = root): Promise<Map<string, string>> {
  const result = (await build({
    configFile: false,
    logLevel: 'silent',
    root: work,
    plugins: [labBuild({ root: labsRoot, lab, marker: true })],
    build: {
      write: false,
      outDir: join(work, 'out'),
      // Small files are inlined as data: URLs, as in the app's build.
      rollupOptions: { input: join(work, 'entry.ts') },
      cssCodeSplit: false,
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const outputs = Array.isArray(result) ? result : [result];
  const files = new Map<string, string>();
  for (const item of outputs.flatMap((o) => o.output)) {
    files.set(item.fileName, item.type === 'chunk' ? item.code : String(item.source));
  }
  return files;
}

/** What the built page holds, by running its script. */
function run(files: Map<string, string>): {
  catalog: { products: { id: string }[] };
  lab: { name: string; support: { email: string } };
  logoUrl: string;
} {
  const sandbox: { built?: ReturnType<typeof run> } = {};
  runInNewContext(text(files, '.js'), sandbox);
  return sandbox.built!;
}

const text = (files: Map<string, string>, ending: string) =>
  [...files]
    .filter(([name]) => name.endsWith(ending))
    .map(([, body]) => body)
    .join('\n');

describe('a build for a lab folder', () => {
  it("Elbfoto's build holds its catalog, name, support, colours and logo, and says which lab", async () => {
    const files = await buildFor('elbfoto');
    const built = run(files);
    const elbfotoCatalog = JSON.parse(
      await readFile(join(root, 'assets/labs/elbfoto/catalog.json'), 'utf8'),
    ) as unknown;
    expect(built.catalog).toEqual(elbfotoCatalog);
    expect(built.lab.name).toBe('Elbfoto');
    expect(built.lab.support.email).toBe('hilfe@elbfoto.example');
    const logo = await readFile(join(root, 'assets/labs/elbfoto/logo.svg'));
    expect(built.logoUrl).toBe(`data:image/svg+xml;base64,${logo.toString('base64')}`);
    expect(text(files, '.css')).toMatch(/--accent:\s*#0b4f6c/);
    expect(JSON.parse(files.get(LAB_MARKER)!)).toEqual({ lab: 'elbfoto', id: 'elbfoto-hamburg' });
  });

  it("Photo Dose's build (the default) holds assets/catalog.json", async () => {
    const files = await buildFor('photodose');
    const built = run(files);
    expect(built.catalog).toEqual(
      JSON.parse(await readFile(join(root, 'assets/catalog.json'), 'utf8')) as unknown,
    );
    expect(built.lab.name).toBe('Photo Dose');
    expect(text(files, '.css')).toMatch(/--accent:\s*#c2410c/);
    expect(JSON.parse(files.get(LAB_MARKER)!)).toMatchObject({ lab: 'photodose' });
  });

  it('fails when the lab folder is broken', async () => {
    const labsRoot = join(work, 'broken-root');
    await cp(join(root, 'assets/labs/elbfoto'), join(labsRoot, 'assets/labs/broken'), {
      recursive: true,
    });
    await writeFile(join(labsRoot, 'assets/labs/broken/logo.svg'), '<svg><script/></svg>');
    await expect(buildFor('broken', labsRoot)).rejects.toThrow(/logo/);
    await expect(buildFor('nowhere')).rejects.toThrow(/nowhere\/lab\.json: cannot read/);
  });
});
