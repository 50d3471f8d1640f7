/**
 * What the lab remembers about its orders: their states, the shipment, the erasures, and the
 * invoice counter. No names, addresses or emails: those live in the order folder's manifest
 * only, so an erasure has one place to clear them (the tracking number is cleared with it).
 *
 * The interface is asynchronous so another backend (a database server) can replace the SQLite
 * one without touching the commands.
 */

/** Where an order stands at the lab. */
export type LabOrderState =
  'received' | 'in-production' | 'shipped' | 'purged' | 'erased' | 'quarantined';

/** How the order reached the lab. */
export type OrderSource = 'pull' | 'medium';

/** The lab's record of one order. */
export interface LabOrderRecord {
  orderId: string;
  state: LabOrderState;
  source: OrderSource;
  /** Photos the order holds (0 for a quarantined order). */
  photos: number;
  receivedAt?: Date;
  productionAt?: Date;
  shippedAt?: Date;
  trackingNumber?: string;
  purgedAt?: Date;
  erasedAt?: Date;
  quarantinedAt?: Date;
  /** Why it was quarantined: file names and checks, never personal data. */
  quarantineReason?: string;
  /** The state last reported to the receiving server for the customer's status lookup. */
  reportedState?: string;
  updatedAt: Date;
}

/** One entry of an order's history. */
export interface LabOrderEvent {
  orderId: string;
  state: LabOrderState;
  at: Date;
}

/** The record an erasure leaves: when, and which orders; nothing about the person. */
export interface ErasureRecord {
  id: number;
  erasedAt: Date;
  orderIds: string[];
}

/** A state change that the order's current state does not allow. */
export class OrderStateError extends Error {
  override name = 'OrderStateError';
}

/** The clock the store and the commands read; tests move it. */
export type Clock = () => Date;

export interface LabStore {
  get(orderId: string): Promise<LabOrderRecord | undefined>;
  /** Every order, the most recently changed first. */
  list(): Promise<LabOrderRecord[]>;
  history(orderId: string): Promise<LabOrderEvent[]>;

  /** A verified order is in its folder: new, or a quarantined one taken in again. */
  recordReceived(orderId: string, info: { source: OrderSource; photos: number }): Promise<void>;
  /** A damaged order: new, or quarantined again. Never an order the lab already has. */
  recordQuarantined(orderId: string, source: OrderSource, reason: string): Promise<void>;
  /** received -> in-production. */
  markInProduction(orderId: string): Promise<void>;
  /** received or in-production -> shipped. */
  markShipped(orderId: string, shipment: { trackingNumber?: string }): Promise<void>;
  /** Shipped orders whose image data is due for deletion: shipped at or before `before`. */
  shippedBefore(before: Date): Promise<LabOrderRecord[]>;
  /** Quarantined orders due for deletion: quarantined at or before `before`. */
  quarantinedBefore(before: Date): Promise<LabOrderRecord[]>;
  /** shipped or quarantined -> purged (image data, or the quarantined ciphertext, deleted). */
  markPurged(orderId: string): Promise<void>;
  /**
   * Erases the orders' records of anything personal (the tracking number, a quarantine reason)
   * and sets them to erased (orders without a record, or erased before, are only listed);
   * writes the erasure record; one transaction.
   */
  recordErasure(orderIds: string[]): Promise<ErasureRecord>;
  erasures(): Promise<ErasureRecord[]>;

  /** The state the receiving server has last been told of. */
  markReported(orderId: string, state: string): Promise<void>;

  /**
   * The order's invoice number: the next of one consecutive counter (1, 2, 3...), allocated in
   * a transaction, kept across restarts, never repeated and never skipped. Asking again for
   * the same order returns its number (an invoice printed twice keeps it).
   */
  nextInvoiceNumber(orderId: string): Promise<number>;
  /** The order's invoice number, if it has one. */
  invoiceNumberOf(orderId: string): Promise<number | undefined>;

  close(): Promise<void>;
}
