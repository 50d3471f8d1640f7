import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { HostError, type HostServices, type SupportOrder } from '../../src/contract/host';
import type { PhotoStore } from '../photos/photo-store';
import { loadSupportOrder, readOrderFolder } from './order-folder';

/** What a host needs to show orders to support staff. */
export interface SupportOptions {
  /** The pulled order this host was started for (`photodose support open ORDER`). */
  orderDir?: string;
  /**
   * The lab's own renderer (`photodose lab render`), where the host runs inside the lab's command
   * line; it writes `<order>/print/` and names the files. The desktop app ships without it.
   */
  render?: (orderDir: string) => Promise<{ dir: string; files: string[] }>;
  /** The desktop app's folder dialog for File, Open order; resolves undefined when cancelled. */
  pickOrderFolder?: () => Promise<string | undefined>;
}

type SupportServices = Pick<HostServices, 'support.order' | 'support.open' | 'support.render'>;

/** The lab's command that renders an order's print files: what support copies into a terminal. */
export function renderCommandFor(orderDir: string): string {
  return `photodose lab render ${JSON.stringify(resolve(orderDir))}`;
}

/**
 * Support's host requests: the order the host shows (read from the order's folder once, on
 * first ask), opening another one in the desktop app, and rendering it with the lab's renderer
 * where the host has it. Nothing here writes to the order but the renderer's own print folder.
 */
export function createSupportDesk(
  options: SupportOptions,
  store: PhotoStore,
  transport: 'electron' | 'loopback',
): SupportServices {
  let orderDir = options.orderDir;
  let opened: Promise<SupportOrder> | null = null;
  const open = (dir: string): Promise<SupportOrder> =>
    readOrderFolder(dir).then((folder) =>
      loadSupportOrder(folder, store, {
        command: renderCommandFor(dir),
        available: options.render !== undefined,
      }),
    );

  return {
    'support.order': async () => {
      if (!orderDir) return null;
      opened ??= open(orderDir);
      return opened;
    },
    'support.open': async ({ path }) => {
      // A page on the loopback must not name folders for the host to read.
      if (transport === 'loopback') {
        throw new HostError(
          'invalid-request',
          "support.open: only the desktop app opens order folders; use 'photodose support open ORDER'",
        );
      }
      const dir = path ?? (await options.pickOrderFolder?.());
      if (dir === undefined) return null;
      if (!isAbsolute(dir))
        throw new HostError('invalid-request', 'support.open: not an absolute path');
      const order = await open(dir);
      orderDir = dir;
      opened = Promise.resolve(order);
      return order;
    },
    'support.render': async () => {
      if (!options.render) {
        throw new HostError(
          'invalid-request',
          "support.render: this app has no print renderer; run the lab's command shown",
        );
      }
      if (!orderDir) throw new HostError('invalid-request', 'support.render: no order is open');
      const rendered = await options.render(orderDir);
      const files = await Promise.all(
        rendered.files.map(async (name) => {
          const path = join(rendered.dir, name);
          // Streamed: a 200-page book's PDF can be a gigabyte.
          const hash = createHash('sha256');
          for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
          return { name, bytes: (await stat(path)).size, sha256: hash.digest('hex') };
        }),
      );
      return { dir: rendered.dir, files };
    },
  };
}
