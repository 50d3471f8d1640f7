/**
 * The desktop app's host as its own process, for tests that kill it: the same services as
 * Electron's main process (transport `electron`, photos read by path), the real OS keychain
 * under the test's own service name. Prints one JSON line per host event on stdout.
 *
 *   tsx client-host.ts order  CONFIG   imports the photos, places them in a book, orders
 *   tsx client-host.ts resume CONFIG   only starts: an order found in the keychain goes on; prints
 *                                      order.status as a window would see it ({status}), and
 *                                      ends at once if there is nothing to send
 *
 * CONFIG is JSON: { service, serverUrl, recipient, photos: [paths], customer }.
 */
import { createHost } from '../../../services/host/create-host';
import { osKeychain } from '../../../services/keychain/secret-store';
import { findProduct, parseCatalog } from '../../../src/catalog/catalog';
import { addAssets, framesOn, newBook, placePhoto } from '../../../src/model/commands';
import { applyChanges } from '../../../src/model/changes';
import catalogData from '../../../assets/catalog.json';
import { labAt } from '../../fixtures/labs';

const [mode, configText] = process.argv.slice(2);
const config = JSON.parse(configText!) as {
  service: string;
  serverUrl: string;
  recipient: string;
  photos: string[];
  customer: unknown;
};

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

const host = createHost({
  version: '0.0.0-test',
  transport: 'electron',
  lab: labAt(config.recipient, config.serverUrl),
  keychain: osKeychain(config.service),
  uploadRetryDelaysMs: [0, 200, 500],
  orderRetryDelaysMs: [200, 500],
  log: (line) => say({ log: line }),
});
host.events.subscribe((event, payload) => {
  say({ event, payload });
  if (event === 'order.progress' && (payload as { phase: string }).phase === 'done') {
    setTimeout(() => process.exit(0), 50);
  }
  if (event === 'order.failed') setTimeout(() => process.exit(3), 50);
});

if (mode === 'order') {
  const imported = await host.services['photos.import']({
    importId: 'kill-test-import-0001',
    sources: config.photos.map((path) => ({ kind: 'path' as const, path })),
  });
  if (imported.failures.length > 0) throw new Error(JSON.stringify(imported.failures));
  const product = findProduct(parseCatalog(catalogData), 'book-a4-hardcover', 'photoBook');
  let n = 0;
  let book = newBook(product, (prefix) => `${prefix}-${++n}`);
  const assets = imported.photos.map((p) => p.asset);
  book = applyChanges(book, addAssets(book, assets), 'forward');
  assets.forEach((asset, i) => {
    const [frame] = framesOn(book, book.pageIds[i]!);
    book = applyChanges(book, placePhoto(book, frame!.id, asset.id), 'forward');
  });
  await host.services['order.submit']({
    design: { kind: 'photoBook', book },
    customer: config.customer as never,
  });
} else if (mode === 'resume') {
  // What a window opening now is shown: the order going on, or why nothing could.
  const status = await host.services['order.status']({});
  say({ status });
  if (status.state === 'idle') setTimeout(() => process.exit(0), 50);
} else {
  throw new Error(`unknown mode ${mode}`);
}
