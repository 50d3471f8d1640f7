import type { ServerTrust } from '../../services/upload/server-trust';
import type { LabOrderRecord, LabStore } from './store/lab-store';

/**
 * The customer's status lookup at the receiving server learns where an order is (received,
 * in production, shipped with its tracking number): no personal data goes with it. A state
 * the server could not be told of stays pending in the lab database (`reported_state`) and
 * goes with the next `lab pull`, `lab produce` or `lab ship` that can reach the server.
 */
export type ReportedState = 'received' | 'in-production' | 'shipped';

export interface StatusUpdate {
  state: ReportedState;
  shipment?: { trackingNumber?: string };
}

/** Tells the receiving server an order's state. */
export type StatusReporter = (orderId: string, update: StatusUpdate) => Promise<void>;

/** How the lab reaches the receiving server. */
export interface ServerAccess {
  serverUrl: string;
  labToken: string;
  trust?: ServerTrust;
}

/**
 * SEAM: the reporter that calls the receiving server. It becomes
 * `(orderId, update) => reportOrderStatus(access.serverUrl, access.labToken, orderId, update)`
 * once services/upload/lab-api.ts has `reportOrderStatus` (the order status lookup's work);
 * until then nothing is reported and every state stays pending in the database.
 */
export function serverStatusReporter(access: ServerAccess): StatusReporter | undefined {
  void access;
  return undefined;
}

/** What the customer's lookup should show for the lab's state; nothing for orders it never knew. */
export function statusUpdateOf(record: LabOrderRecord): StatusUpdate | undefined {
  // An order from a medium never passed the server: it has no status there.
  if (record.source !== 'pull') return undefined;
  switch (record.state) {
    case 'received':
    case 'in-production':
      return { state: record.state };
    case 'shipped':
    case 'purged':
      return {
        state: 'shipped',
        shipment: record.trackingNumber ? { trackingNumber: record.trackingNumber } : undefined,
      };
    default:
      return undefined;
  }
}

/** Reports the order's state if the server has not been told of it yet; a failure waits. */
export async function reportStatus(
  store: LabStore,
  reporter: StatusReporter | undefined,
  orderId: string,
  log: (line: string) => void,
): Promise<void> {
  const record = await store.get(orderId);
  const update = record && statusUpdateOf(record);
  if (!reporter || !update || record.reportedState === update.state) return;
  try {
    await reporter(orderId, update);
    await store.markReported(orderId, update.state);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log(`${orderId}: state ${update.state} not reported to the server yet (${reason})`);
  }
}

/** Reports every state the server has not been told of. */
export async function reportPendingStatuses(
  store: LabStore,
  reporter: StatusReporter | undefined,
  log: (line: string) => void,
): Promise<void> {
  if (!reporter) return;
  for (const record of await store.list()) await reportStatus(store, reporter, record.orderId, log);
}
