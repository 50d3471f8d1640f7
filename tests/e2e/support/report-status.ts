import { readFile } from 'node:fs/promises';
import { reportOrderStatus } from '../../../services/upload/lab-api';
import { LabOrderState } from '../../../src/contract/order-status';

/**
 * The lab's status call (services/upload/lab-api.ts reportOrderStatus), run as its own process
 * through tsx, as the lab's command line runs it: Playwright's loader can't import the service
 * chain (JSON assets without import attributes).
 *
 *   node --import tsx report-status.ts SERVER LAB_TOKEN_FILE ORDER STATE [TRACKING CARRIER]
 */
const [serverUrl, tokenFile, orderId, state, trackingNumber, carrier] = process.argv.slice(2);
const labToken = (await readFile(tokenFile!, 'utf8')).trim();
const shipment = trackingNumber ? { trackingNumber, carrier } : undefined;
const status = await reportOrderStatus(
  serverUrl!,
  labToken,
  orderId!,
  LabOrderState.parse(state),
  shipment ? { shipment } : {},
);
console.log(JSON.stringify(status));
