import { describe, expect, it, vi } from 'vitest';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  KILLED_RECEIVER_HELD_BYTES,
  expectOneOrderAtTheLab,
  order,
  useFaultLabs,
} from './fault-lab';

/**
 * The receiving server dies mid-upload (SIGKILL: no goodbye, whatever it held in memory lost)
 * and comes back a minute later on the same data. The host waits it out and sends the same
 * order on from what the server kept.
 */
const labs = useFaultLabs('photodose-receiver-killed-');

// A minute of outage, two receiver processes, the host and `lab pull`.
describe('the receiving server killed in the middle of an order', { timeout: 300_000 }, () => {
  it('comes back after 60 s: the lab gets the one order; sent twice: what the dead server held', async () => {
    // A line of 2 MB/s, so the kill falls in the middle of the order (about 6 MB).
    const lab = await labs.start({ bytesPerSecond: 2_000_000 });
    const sending = order(lab);
    const { proxy, receiver } = lab;
    await vi.waitFor(() => expect(proxy.uploadBytes).toBeGreaterThan(2_500_000), {
      timeout: 60_000,
      interval: 10,
    });
    const exited = once(receiver.child, 'exit');
    receiver.child.kill('SIGKILL');
    await exited;

    await sleep(60_000);
    // A minute without a server: the host is still on it, waiting, not failed.
    const status = await lab.host.services['order.status']({});
    expect(status).toMatchObject({ state: 'sending', progress: { phase: 'waiting' } });
    expect(lab.progress.filter((p) => p.phase === 'waiting').length).toBeGreaterThan(3);

    await lab.restartReceiver();
    expect(await sending).toMatchObject({ ok: true });
    const { sentTwice } = await expectOneOrderAtTheLab(lab);
    if (process.env['FAULTS_REPORT']) console.info(`receiver killed: sent twice ${sentTwice} B`);
    expect(sentTwice).toBeGreaterThanOrEqual(0);
    // Not one chunk: what reached the dead process but not its disk (see the constant).
    expect(sentTwice).toBeLessThanOrEqual(KILLED_RECEIVER_HELD_BYTES);
  });
});
