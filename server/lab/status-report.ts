import { ApiError } from '../../services/upload/http';
import { reportOrderStatus } from '../../services/upload/lab-api';
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
 * The reporter that calls the receiving server (PUT /api/v1/lab/orders/:id/status). An order
 * the server keeps no status of (sent without a lookup key, or past its retention) answers
 * 404: there is nobody to tell, so that counts as told.
 */
export function serverStatusReporter(access: ServerAccess): StatusReporter {
  return async (orderId, update) => {
    try {
      await reportOrderStatus(access.serverUrl, access.labToken, orderId, update.state, {
        trust: access.trust,
        shipment: update.shipment,
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return;
      throw error;
    }
  };
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
