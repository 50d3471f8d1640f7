/**
 * The loopback host in a process of its own, for bench/import.ts: so the peak RSS it reports is
 * the host's alone, not the benchmark's. Prints one JSON line with its origin and token, then one
 * line each time an import has done one of the counts given as arguments, with the process's
 * peak RSS so far (the kernel's high-water mark, not a sample). Ends when its stdin closes.
 *
 *   node --import tsx bench/import-host.ts 50 100 200
 */
import { createHost } from '../services/host/create-host';
import { startLoopbackHost } from '../services/loopback/server';
import { generateIdentity } from '../services/age';

const marks = new Set(process.argv.slice(2).map(Number));
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

const host = createHost({
  version: 'bench',
  transport: 'loopback',
  lab: {
    id: 'bench-lab',
    name: 'Bench Lab',
    city: 'Bremen',
    recipient: generateIdentity().recipient,
    serverUrl: 'http://127.0.0.1:9',
  },
});
host.events.subscribe((name, payload) => {
  if (name !== 'photos.progress') return;
  const { done } = payload as { done: number };
  // maxRSS is in KiB on Linux and macOS alike.
  if (marks.has(done)) say({ done, peakRssBytes: process.resourceUsage().maxRSS * 1024 });
});
const loopback = await startLoopbackHost({ ...host, port: 0 });
say({ origin: loopback.origin, token: loopback.token });

process.stdin.resume();
process.stdin.on('end', () => void loopback.close().then(() => process.exit(0)));
