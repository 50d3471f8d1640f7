/**
 * The customer's side of bench/upload.ts, in a process of its own so its
 * peak RSS is the client's alone: a host (services/host, as the desktop app
 * runs it) imports the photo files by path, then sends them as one prints
 * order of originals to the receiver: each file read (hashed only if it changed
 * since the import hashed it), encrypted to the lab's key and uploaded with
 * tus, then the order committed.
 *
 *   node client.mjs <receiver url> <age1... recipient> <photo file>...
 *   (bench/upload.ts bundles it so; `tsx bench/upload-client.ts ...` runs it too)
 *
 * Prints one JSON line on stdout: the seconds and CPU seconds from submit to
 * the committed order (import excluded), the bytes the progress reported,
 * the process's peak RSS over its life (the import included, with sharp), its RSS before the order and the highest sampled while sending.
 */
import { createHost } from '../services/host/create-host';
import { dispatch } from '../services/host/dispatch';
import { findProduct, parseCatalog } from '../src/catalog/catalog';
import { editPrints, newPrints } from '../src/model/prints';
import type { OrderProgress } from '../src/contract/host';
import catalogData from '../assets/catalog.json';
import { sampleRss } from './support';

/** Any id of the contract's shape (imports and files are named by the page). */
let ids = 0;
const nextId = () => `bench-upload-${String(++ids).padStart(6, '0')}-abcdefghijkl`;

const customer = {
  shippingAddress: {
    firstName: 'Bench',
    lastName: 'Upload',
    street: 'Am Wall 1',
    postalCode: '28195',
    city: 'Bremen',
    country: 'DE' as const,
  },
  billingAddress: null,
  email: 'bench@example.org',
  shippingMethodId: 'dhl-paket',
  payment: { method: 'invoice' as const },
  termsAcceptedAt: '2026-11-26T09:00:00.000Z',
};

async function main([serverUrl, recipient, ...files]: string[]): Promise<void> {
  if (!serverUrl || !recipient || files.length === 0) {
    throw new Error('usage: upload-client <receiver url> <recipient> <photo file>...');
  }
  const host = createHost({
    version: '0.0.0-bench',
    transport: 'electron',
    lab: { id: 'photodose-bremen', name: 'Photo Dose', city: 'Bremen', recipient, serverUrl },
  });
  const imported = await host.services['photos.import']({
    importId: nextId(),
    sources: files.map((path) => ({ kind: 'path' as const, path })),
  });
  if (imported.failures.length > 0) {
    throw new Error(`import failed: ${JSON.stringify(imported.failures[0])}`);
  }
  const product = findProduct(parseCatalog(catalogData), 'prints', 'print');
  let prints = newPrints(product, (prefix) => `${prefix}-${nextId()}`);
  const assets = imported.photos.map((p) => p.asset);
  prints = editPrints(prints, { kind: 'addPhotos', assets });
  assets.forEach((asset, i) => {
    prints = editPrints(prints, { kind: 'addPrint', itemId: `p${i}`, assetId: asset.id, product });
  });

  let sentBytes = 0;
  host.events.subscribe((name, payload) => {
    if (name === 'order.progress') sentBytes = (payload as OrderProgress).sentBytes;
  });
  const cpu = () => {
    const usage = process.resourceUsage();
    return (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  };
  const rssBeforeKb = process.memoryUsage.rss() / 1024;
  const cpuBefore = cpu();
  const start = process.hrtime.bigint();
  // Every 100 ms: reading the RSS costs a system call, which every 10 ms showed in the profile.
  const { peakRss, value: outcome } = await sampleRss(
    () =>
      dispatch(host.services, 'order.submit', {
        design: { kind: 'prints', prints },
        customer,
        send: 'originals',
      }),
    100,
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!outcome.ok) throw new Error(`order failed: ${outcome.error.message}`);
  process.stdout.write(
    `${JSON.stringify({
      seconds,
      sentBytes,
      photos: assets.length,
      maxRssKb: process.resourceUsage().maxRSS,
      rssBeforeKb,
      sendingPeakRssKb: peakRss / 1024,
      cpuS: cpu() - cpuBefore,
    })}\n`,
  );
}

try {
  await main(process.argv.slice(2));
  process.exit(0);
} catch (error) {
  process.stderr.write(
    `upload-client: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
