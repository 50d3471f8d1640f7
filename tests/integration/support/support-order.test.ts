import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createHost } from '../../../services/host/create-host';
import { dispatch } from '../../../services/host/dispatch';
import { renderOrder } from '../../../server/lab/render/order';
import { photoFileName } from '../../../src/order/manifest';
import { decryptedName } from '../../../src/order/decrypted-name';
import type { SupportOrder } from '../../../src/contract/host';
import { anna } from '../../unit/model/fixtures';
import { startCli } from '../../e2e/support/processes';
import {
  BLUE,
  GREEN,
  PhotoShelf,
  RED,
  emptyBook,
  near,
  photoFrame,
  scratch,
  soft21,
  solidPhoto,
  textFrame,
  twoColourPhoto,
  withFrames,
} from '../lab/render/support';

const lab = {
  id: 'photodose-bremen',
  name: 'Photo Dose',
  city: 'Bremen',
  recipient: 'age1csgf0f4n8yeacp9l7qnvt3mj8dec6zfnsjjcuuk7tdfsfw3ajg6sayshps',
  serverUrl: 'http://127.0.0.1:9',
};

/**
 * A pulled order as `lab pull` leaves it: one photo sent as its original (red | blue), one (2:1) as
 * two print-ready images (its left half green, its right half red), text on page 3.
 */
async function pulledOrder() {
  const shelf = new PhotoShelf();
  const whole = shelf.add(await twoColourPhoto(1200, 800, RED, BLUE), 1200, 800);
  const pieced = shelf.add(await solidPhoto(2000, 1000, RED), 2000, 1000);
  const base = emptyBook(soft21);
  const book = withFrames(
    base,
    [
      photoFrame(base.pageIds[1]!, { x: 10, y: 10, w: 120, h: 80 }, whole.id),
      // Its left half in one frame, its right half in another: one print-ready image each.
      photoFrame(base.pageIds[2]!, { x: 10, y: 10, w: 60, h: 60 }, pieced.id, {
        crop: { panX: -1, panY: 0, zoom: 1 },
      }),
      photoFrame(base.pageIds[2]!, { x: 90, y: 10, w: 60, h: 60 }, pieced.id, {
        crop: { panX: 1, panY: 0, zoom: 1 },
      }),
      textFrame(base.pageIds[2]!, { x: 10, y: 150, w: 150, h: 20 }, 'Roland und Rathaus'),
    ],
    shelf,
  );
  const dir = join(await scratch(), 'PD-SUPPORT1');
  await mkdir(dir);
  const pieces = [
    { covers: { x: 0, y: 0, w: 0.5, h: 1 }, jpeg: await solidPhoto(1000, 1000, GREEN) },
    { covers: { x: 0.5, y: 0, w: 0.5, h: 1 }, jpeg: await solidPhoto(1000, 1000, RED) },
  ];
  const files = [
    { name: photoFileName(1), assetId: whole.id, bytes: shelf.bytes.get(whole.id)! },
    ...pieces.map((p, i) => ({
      name: photoFileName(i + 2),
      assetId: pieced.id,
      bytes: p.jpeg,
      printReady: { covers: p.covers, widthPx: 1000, heightPx: 1000 },
    })),
  ].map(({ bytes, ...file }) => ({
    ...file,
    role: 'photo' as const,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    byteSize: bytes.length,
    mime: 'image/jpeg',
    bytes,
  }));
  for (const file of files)
    await writeFile(join(dir, decryptedName(file.name, file.mime)), file.bytes);
  const design = { kind: 'photoBook' as const, book };
  await writeFile(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifestVersion: 3,
      orderId: 'PD-SUPPORT1',
      createdAt: '2026-11-25T22:00:00.000Z',
      client: { app: 'photodose', version: '0.2.0' },
      lab: { id: 'photodose-bremen' },
      customer: anna,
      design,
      files: files.map(({ bytes: _bytes, ...file }) => file),
    }),
  );
  return { dir, design, whole, pieced };
}

function supportHost(orderDir: string, transport: 'loopback' | 'electron' = 'loopback') {
  return createHost({
    version: '0.0.0-test',
    transport,
    lab,
    support: {
      orderDir,
      render: async (dir) => {
        const rendered = await renderOrder(dir);
        return { dir: rendered.dir, files: rendered.files };
      },
    },
  });
}

async function invoke(
  services: ReturnType<typeof supportHost>['services'],
  name: string,
  args = {},
) {
  const outcome = await dispatch(services, name, args);
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result;
}

/** The colour at a point of a JPEG, given as fractions of its width and height. */
async function colourAt(jpeg: Uint8Array, fx: number, fy: number) {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const i =
    (Math.floor(fy * info.height) * info.width + Math.floor(fx * info.width)) * info.channels;
  return { r: data[i]!, g: data[i + 1]!, b: data[i + 2]! };
}

describe('support opens a pulled order read-only', () => {
  it('shows the design exactly as ordered, its photos from the order’s own files', async () => {
    const order = await pulledOrder();
    const { services } = supportHost(order.dir);
    const shown = (await invoke(services, 'support.order')) as SupportOrder;
    expect(shown.orderId).toBe('PD-SUPPORT1');
    // The very design the customer ordered (validated like the manifest), and no customer.
    expect(shown.design).toEqual(order.design);
    expect(JSON.stringify(shown)).not.toContain(anna.email);
    expect(JSON.stringify(shown)).not.toContain(anna.street);
    expect(shown.photos.map((p) => p.asset.id).sort()).toEqual(
      [order.whole.id, order.pieced.id].sort(),
    );
    expect(shown.renderCommand).toBe(`photodose lab render "${resolve(order.dir)}"`);
    expect(shown.canRender).toBe(true);

    // The original's thumbnail: the photo itself, red | blue.
    const whole = (await invoke(services, 'photos.thumbnail', {
      assetId: order.whole.id,
    })) as Uint8Array;
    expect(near(await colourAt(whole, 0.2, 0.5), RED, 20)).toBe(true);
    expect(near(await colourAt(whole, 0.8, 0.5), BLUE, 20)).toBe(true);
    // The print-ready images, each laid over the part of the photo it covers: green | red.
    const pieced = (await invoke(services, 'photos.thumbnail', {
      assetId: order.pieced.id,
    })) as Uint8Array;
    const meta = await sharp(pieced).metadata();
    expect([meta.width, meta.height]).toEqual([1600, 800]);
    expect(near(await colourAt(pieced, 0.2, 0.5), GREEN, 20)).toBe(true);
    expect(near(await colourAt(pieced, 0.8, 0.5), RED, 20)).toBe(true);
  });

  it('renders with the lab’s renderer: the same bytes as `lab render`', async () => {
    const order = await pulledOrder();
    const { services } = supportHost(order.dir);
    const rendered = (await invoke(services, 'support.render')) as {
      files: { name: string; sha256: string; bytes: number }[];
    };
    expect(rendered.files.map((f) => f.name)).toEqual(['book-inner.pdf', 'book-cover.pdf']);
    const hashes = rendered.files.map((f) => f.sha256);
    await renderOrder(order.dir);
    const again = await Promise.all(
      rendered.files.map(async (f) =>
        createHash('sha256')
          .update(await readFile(join(order.dir, 'print', f.name)))
          .digest('hex'),
      ),
    );
    expect(again).toEqual(hashes);
  });

  it('lets no page name a folder, and says what is wrong with a folder that holds no order', async () => {
    const order = await pulledOrder();
    const web = supportHost(order.dir, 'loopback');
    await expect(invoke(web.services, 'support.open', { path: order.dir })).rejects.toThrow(
      /invalid-request: support.open: only the desktop app/,
    );
    const desktop = supportHost(order.dir, 'electron');
    const empty = await scratch();
    await expect(invoke(desktop.services, 'support.open', { path: empty })).rejects.toThrow(
      /holds no pulled order \(no manifest.json\)/,
    );
    const opened = (await invoke(desktop.services, 'support.open', {
      path: order.dir,
    })) as SupportOrder;
    expect(opened.orderId).toBe('PD-SUPPORT1');
    // Without a renderer (the desktop app ships none) support is shown the command instead.
    const bare = createHost({ version: '0', transport: 'electron', lab, support: {} });
    await invoke(bare.services, 'support.open', { path: order.dir });
    await expect(invoke(bare.services, 'support.render')).rejects.toThrow(/has no print renderer/);
    expect(await invoke(bare.services, 'support.order')).toMatchObject({ canRender: false });
  });

  it('photodose support open serves the order over the loopback host', async () => {
    const order = await pulledOrder();
    const running = await startCli(['support', 'open', order.dir, '--json'], /^(\{"appUrl".*\})$/m);
    try {
      const { appUrl, orderId } = JSON.parse(running.match[1]!) as {
        appUrl: string;
        orderId: string;
      };
      expect(orderId).toBe('PD-SUPPORT1');
      const url = new URL(appUrl);
      const token = url.hash.replace('#token=', '');
      const reply = await fetch(`${url.origin}/host/invoke/support.order`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(reply.status).toBe(200);
      const { result } = (await reply.json()) as { result: SupportOrder };
      expect(result.design).toEqual(order.design);
    } finally {
      await running.stop();
    }
  }, 60_000);
});
