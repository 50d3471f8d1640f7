import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { brandStylesheet, contrastRatio } from '../../../src/lab/lab-brand';
import { labName, labPaths, readLabFolder } from '../../../services/lab/lab-folder';

/** Every white-label lab folder under assets/labs/ is checked as a build would check it. */
const root = resolve(import.meta.dirname, '../../..');
const { labsDir, defaultCatalogFile } = labPaths(root);

describe('the lab folders of assets/labs', async () => {
  const labs = await readdir(labsDir);

  it('hold Photo Dose and at least one other lab', () => {
    expect(labs).toContain('photodose');
    expect(labs.length).toBeGreaterThanOrEqual(2);
  });

  it.each(labs)('%s: configuration, brand, support, catalog and logo are valid', async (lab) => {
    const folder = await readLabFolder(lab, root);
    expect(folder.config.id).toMatch(new RegExp(`^${lab}`));
    expect(folder.catalog.products.length).toBeGreaterThan(0);
    expect(folder.config.support.email).toContain('@');
  });

  it('Photo Dose sells its catalog of assets/catalog.json and its checkout of lab-checkout.json', async () => {
    const folder = await readLabFolder('photodose', root);
    expect(folder.catalogFile).toBe(defaultCatalogFile);
    expect(folder.config.checkout).toBeUndefined();
    expect(folder.config.brand.colours.accent).toBe('#c2410c');
  });

  it('Elbfoto has its own smaller catalog with other prices, its own shipping and colours', async () => {
    const [photoDose, elbfoto] = await Promise.all(
      ['photodose', 'elbfoto'].map((lab) => readLabFolder(lab, root)),
    );
    expect(elbfoto!.catalogFile).toBe(join(labsDir, 'elbfoto', 'catalog.json'));
    expect(elbfoto!.catalog.products.length).toBeLessThan(photoDose!.catalog.products.length);
    const price = (folder: typeof elbfoto, id: string) =>
      JSON.stringify(folder!.catalog.products.find((p) => p.id === id));
    expect(price(elbfoto, 'book-30x30-hardcover')).not.toBe(
      price(photoDose, 'book-30x30-hardcover'),
    );
    expect(elbfoto!.config.checkout?.shippingMethods.map((m) => m.id)).toEqual([
      'dhl-paket-nord',
      'ups-express-nord',
    ]);
    expect(elbfoto!.config.brand.colours.accent).not.toBe(photoDose!.config.brand.colours.accent);
  });
});

describe('a broken lab folder fails with the file and the reason', () => {
  let work: string | undefined;
  afterEach(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** A copy of Elbfoto's folder as lab "broken" in a root of its own, changed by `change`. */
  async function brokenLab(
    change: (dir: string) => Promise<void>,
  ): Promise<() => Promise<unknown>> {
    work = await mkdtemp(join(tmpdir(), 'lab-folder-'));
    const dir = join(work, 'assets', 'labs', 'broken');
    await cp(join(labsDir, 'elbfoto'), dir, { recursive: true });
    await cp(defaultCatalogFile, join(work, 'assets', 'catalog.json'));
    await change(dir);
    const at = work;
    return () => readLabFolder('broken', at);
  }

  async function editJson(file: string, edit: (data: Record<string, unknown>) => void) {
    const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    edit(data);
    await writeFile(file, JSON.stringify(data));
  }

  it('refuses colours whose buttons cannot be read', async () => {
    const read = await brokenLab((dir) =>
      editJson(join(dir, 'lab.json'), (lab) => {
        (lab.brand as { colours: Record<string, string> }).colours.accentText = '#3a7f9c';
      }),
    );
    await expect(read()).rejects.toThrow(/lab\.json: .*brand\.colours\.accentText: .*contrast/);
  });

  it('refuses a lab without brand or support', async () => {
    const read = await brokenLab((dir) =>
      editJson(join(dir, 'lab.json'), (lab) => {
        delete lab.support;
      }),
    );
    await expect(read()).rejects.toThrow(/lab\.json: a lab folder needs "support"/);
  });

  it('refuses a lab whose server is not https (the release policy)', async () => {
    const read = await brokenLab((dir) =>
      editJson(join(dir, 'lab.json'), (lab) => {
        lab.serverUrl = 'http://orders.elbfoto.example';
      }),
    );
    await expect(read()).rejects.toThrow(/is not https/);
  });

  it('refuses a catalog with a wrong price', async () => {
    const read = await brokenLab((dir) =>
      editJson(join(dir, 'catalog.json'), (catalog) => {
        (catalog.products as { priceCents: unknown }[])[0]!.priceCents = { base: -1 };
      }),
    );
    await expect(read()).rejects.toThrow(/catalog\.json: catalog invalid at products\.0/);
  });

  it.each([
    ['script', '<svg viewBox="0 0 1 1"><script>alert(1)</script></svg>', /script/],
    ['a handler', '<svg viewBox="0 0 1 1" onload="x()"></svg>', /script/],
    [
      'a remote image',
      '<svg viewBox="0 0 1 1"><image href="https://x.example/a.png"/></svg>',
      /other files/,
    ],
    ['no viewBox', '<svg width="10" height="10"></svg>', /viewBox/],
    ['not SVG', '<html><svg viewBox="0 0 1 1"/></html>', /not an SVG/],
  ])('refuses a logo with %s', async (_what, svg, reason) => {
    const read = await brokenLab((dir) => writeFile(join(dir, 'logo.svg'), svg));
    await expect(read()).rejects.toThrow(reason);
  });

  it('takes only plain folder names', () => {
    expect(labName(undefined)).toBe('photodose');
    expect(labName('elbfoto')).toBe('elbfoto');
    expect(() => labName('../secrets')).toThrow(/not a folder of assets\/labs/);
  });
});

describe('brand colours', () => {
  it('are written as the stylesheet custom properties', () => {
    expect(
      brandStylesheet({
        accent: '#0b4f6c',
        accentText: '#ffffff',
        background: '#eaf2f5',
        text: '#10212b',
        header: '#ffffff',
      }),
    ).toBe(
      ':root {\n  --accent: #0b4f6c;\n  --accent-text: #ffffff;\n  --page-background: #eaf2f5;\n  --text: #10212b;\n  --header-background: #ffffff;\n}\n',
    );
  });

  it('contrast as WCAG computes it', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
