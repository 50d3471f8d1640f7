/**
 * The host of bench/project.ts in a process of its own, so the peak RSS it reports is the host's
 * alone. It is the desktop app's host (transport 'electron': photos imported by path, moved photos
 * searched on disk), reached over the loopback server that also serves the benchmark's page, the
 * way Electron's window reaches it over IPC. Prints one JSON line with the page's address, and
 * when its stdin closes one line with its peak RSS (the kernel's high-water mark, not a sample)
 * and when the search and the imports ended, then exits.
 *
 *   node --import tsx bench/project-host.ts <static dir>
 */
import { createHost } from '../services/host/create-host';
import { startLoopbackHost } from '../services/loopback/server';
import { generateIdentity } from '../services/age';

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

const host = createHost({
  version: 'bench',
  transport: 'electron',
  lab: {
    id: 'bench-lab',
    name: 'Bench Lab',
    city: 'Bremen',
    recipient: generateIdentity().recipient,
    serverUrl: 'http://127.0.0.1:9',
  },
});

/** Wall-clock milliseconds (Date.now) of the host's milestones, for the benchmark's breakdown. */
const times: { locateLastProgressAt?: number; importsEndedAt: number[] } = { importsEndedAt: [] };
host.events.subscribe((name, payload) => {
  if (name === 'photos.locateProgress') times.locateLastProgressAt = Date.now();
  if (name === 'photos.progress') {
    const { done, total } = payload as { done: number; total: number };
    if (done === total) times.importsEndedAt.push(Date.now());
  }
});

const loopback = await startLoopbackHost({ ...host, staticDir: process.argv[2], port: 0 });
say({ appUrl: loopback.appUrl });

process.stdin.resume();
process.stdin.on('end', () => {
  // maxRSS is in KiB on Linux and macOS alike.
  say({ peakRssBytes: process.resourceUsage().maxRSS * 1024, ...times });
  void loopback.close().then(() => process.exit(0));
});
