import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReceiver, type Receiver } from '../../../server/receiver';
import { pullOrders } from '../../../server/lab/pull';
import { parseIdentityFile } from '../../../services/age';
import { makeLabKey, prepareOrder, submit } from './support';

/**
 * A photo edited on disk after the customer added it, same size, one byte different: each file
 * is checked as its upload reads it (no read of the whole file before), so the order fails
 * naming the photo, and the lab never gets an order with bytes the customer did not see.
 */
let dir: string;
let receiver: Receiver;
let lab: { identityFile: string; recipient: string };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-changed-'));
  lab = await makeLabKey(dir);
  receiver = await createReceiver({ dataDir: join(dir, 'provider') });
});

afterEach(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a photo changed on disk since it was added', () => {
  it('fails the order naming the photo, and the lab gets no order', async () => {
    const order = await prepareOrder(dir, { recipient: lab.recipient, serverUrl: receiver.url });
    const onDisk = join(dir, 'Hafen.jpg');
    const edited = Buffer.from(await readFile(onDisk));
    const at = edited.length - 100;
    edited[at] = edited[at]! ^ 0xff;
    await writeFile(onDisk, edited);

    const outcome = await submit(order);
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        code: 'photo-missing',
        message: expect.stringMatching(/Hafen\.jpg changed/),
      },
    });
    const report = await pullOrders({
      serverUrl: receiver.url,
      labToken: receiver.labToken,
      identities: parseIdentityFile(await readFile(lab.identityFile, 'utf8')),
      outDir: join(dir, 'lab-orders'),
    });
    expect(report.pulled).toEqual([]);
  });
});
