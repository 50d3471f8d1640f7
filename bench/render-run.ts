/**
 * One round of `bench:render` in a process of its own, so its peak RSS is the renderer's alone:
 * renders the generated order's photo book (inner block and cover) with the lab's renderer and
 * prints one JSON line with the time, pages and peak RSS. `--reference` instead reads every
 * print-ready image and writes them one after another into one file: the bytes a PDF that
 * places them unchanged must move at least.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Book } from '../src/model/book';
import type { OrderFile, OrderManifest } from '../src/order/manifest';
import { decryptedName } from '../src/order/decrypted-name';
import { writeBookFiles } from '../server/lab/render/book';
import { orderPhotos } from '../server/lab/render/order';
import { product } from './render-order';

const [dir, out, mode] = process.argv.slice(2) as [string, string, string | undefined];
const { book, files } = JSON.parse(await readFile(join(dir, 'bench-order.json'), 'utf8')) as {
  book: Book;
  files: OrderFile[];
};
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
let bytes: number;
if (mode === '--reference') {
  const sink = createWriteStream(join(out, 'reference.bin'));
  for (const file of files) {
    await pipeline(createReadStream(join(dir, decryptedName(file.name, file.mime))), sink, {
      end: false,
    });
  }
  await new Promise<void>((resolve, reject) =>
    sink.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
  bytes = (await stat(join(out, 'reference.bin'))).size;
} else {
  // orderPhotos reads only the order's id and files: the customer plays no part in printing.
  const manifest = { orderId: 'PD-BENCH', files } as unknown as OrderManifest;
  const written = await writeBookFiles(
    { book, product, photos: orderPhotos(dir, manifest), date: new Date('2026-11-26T00:00:00Z') },
    out,
  );
  bytes = (await stat(written.inner)).size + (await stat(written.cover)).size;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuStart);
// CPU seconds (user and system) of the render: what it costs whatever else the machine runs.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
// The peak of this process's own memory: VmHWM starts afresh at exec, whereas getrusage's
// maxRSS would carry the parent's peak from before the fork.
const hwmKb = Number(/VmHWM:\s+(\d+) kB/.exec(await readFile('/proc/self/status', 'utf8'))?.[1]);
process.stdout.write(
  `${JSON.stringify({ seconds, cpuSeconds, pages: book.pageIds.length, bytes, maxRssMb: hwmKb / 1024 })}\n`,
);
