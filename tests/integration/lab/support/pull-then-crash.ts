/**
 * A lab pull that dies at one step of taking an order in, as a power cut or `kill -9` would:
 * the process ends there, no cleanup runs. Started by pull-resume.test.ts with
 * `node --import tsx pull-then-crash.ts` and its settings in PHOTODOSE_CRASH_PULL (JSON).
 */
import { pullOrders } from '../../../../server/lab/pull';
import type { IntakePoint } from '../../../../server/lab/intake';

const settings = JSON.parse(process.env.PHOTODOSE_CRASH_PULL ?? '{}') as {
  serverUrl: string;
  labToken: string;
  identity: string;
  outDir: string;
  crashAt: IntakePoint;
};

await pullOrders({
  serverUrl: settings.serverUrl,
  labToken: settings.labToken,
  identities: [settings.identity],
  outDir: settings.outDir,
  checkpoint: (point) => {
    if (point === settings.crashAt) process.kill(process.pid, 'SIGKILL');
  },
});
console.log('the pull ended without reaching its crash point');
