import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostErrorText } from '../../../src/i18n/host-errors';
import { HostError } from '../../../src/contract/host';
import { prepareOrder, submit } from '../host/support';

/**
 * A fresh process sending one order through the real host (host-order.test.ts), so that the
 * test's CA reaches Node the way a provider's private CA would: NODE_EXTRA_CA_CERTS, read at
 * start. The lab's pins come from its configuration, as in the app.
 * Arguments: the server's URL, the lab's age recipient, the pins as JSON. Prints the outcome
 * and, for a refusal, the customer's German message.
 */
const [serverUrl, recipient, pinsJson] = process.argv.slice(2);
const serverPins = JSON.parse(pinsJson!) as string[];
const dir = await mkdtemp(join(tmpdir(), 'photodose-tls-host-'));
try {
  const lab = { recipient: recipient!, serverUrl: serverUrl!, serverPins };
  const order = await prepareOrder(dir, lab, [0, 0], [0, 0]);
  const outcome = await submit(order);
  const message = outcome.ok
    ? undefined
    : hostErrorText(
        'de',
        new HostError(outcome.error.code, outcome.error.message, outcome.error.params),
      );
  console.log(JSON.stringify({ outcome, message }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
