import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ORDER_ID } from '../../src/contract/receiver';
import {
  OrderState,
  Shipment,
  type LabStatusBody,
  type OrderStatusReply,
} from '../../src/contract/order-status';

const DAY = 24 * 60 * 60 * 1000;

/**
 * How long a status record is kept. A shipped order's status is asked for while the parcel
 * travels and for a return or complaint after: 180 days covers the two-year warranty's usual
 * first questions without keeping a trail for ever. An order the lab never marks shipped
 * (cancelled, or a lab that does not report) goes a year after its last change.
 */
export interface StatusRetention {
  afterShippedMs: number;
  unshippedMs: number;
}

export const DEFAULT_STATUS_RETENTION: StatusRetention = {
  afterShippedMs: 180 * DAY,
  unshippedMs: 365 * DAY,
};

/** The status record's schema; every backend validates what it reads with it. */
export const statusRecord = z.object({
  version: z.literal(1),
  orderId: z.string().regex(ORDER_ID),
  /** HMAC-SHA-256 (hex) of the customer's lookup key under the server's lookup secret. */
  keyHmac: z.string().regex(/^[0-9a-f]{64}$/),
  state: OrderState,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  shippedAt: z.iso.datetime().optional(),
  shipment: Shipment.optional(),
});

/**
 * What the server keeps for an order's status lookup: the order
 * number, a keyed hash of the lookup key, the state and the parcel. No name, address or email,
 * and nothing of the upload: it outlives the order's files, which go when the lab has them.
 */
export type StatusRecord = z.infer<typeof statusRecord>;

/**
 * Where status records live: files under the data folder by default (status-files.ts), or
 * PostgreSQL for several receivers (records/postgres-statuses.ts).
 */
export interface StatusRecords {
  /** The record, or undefined if there is none. A corrupt record throws. */
  get(orderId: string): Promise<StatusRecord | undefined>;
  put(record: StatusRecord): Promise<void>;
  /** Runs `fn` while no other `withOrder` call for the same order runs (in any receiver sharing it). */
  withOrder<T>(orderId: string, fn: () => Promise<T>): Promise<T>;
  /** Deletes the records past their retention at `nowMs`; returns how many went. */
  removeExpired(retention: StatusRetention, nowMs: number): Promise<number>;
}

/** Options of {@link StatusStore}. */
export interface StatusStoreOptions {
  records: StatusRecords;
  /** The HMAC key (secrets.ts loadLookupSecret). */
  secret: Buffer;
  /** Milliseconds since the epoch; tests move it. */
  now: () => number;
  retention?: Partial<StatusRetention>;
}

/**
 * The customer's status lookup over its records. Lookups compare keyed hashes in constant
 * time and answer an unknown order exactly like a wrong email.
 */
export class StatusStore {
  private readonly retention: StatusRetention;
  private readonly records: StatusRecords;
  /** Compared against when there is no record, so both answers cost the same work. */
  private readonly decoy = randomBytes(32);

  constructor(private readonly opts: StatusStoreOptions) {
    this.retention = { ...DEFAULT_STATUS_RETENTION, ...opts.retention };
    this.records = opts.records;
  }

  /** The keyed hash (hex) under which a lookup key is kept. */
  keyHmac(lookupKey: string): string {
    return this.hmac(lookupKey).toString('hex');
  }

  /**
   * At commit: the order's record in state `submitted` with the keyed hash of its lookup key
   * ({@link keyHmac}). A repeated commit keeps the first record (and any state the lab set since).
   */
  async open(orderId: string, keyHmac: string): Promise<void> {
    await this.records.withOrder(orderId, async () => {
      if (await this.records.get(orderId)) return;
      const now = this.iso();
      await this.records.put({
        version: 1,
        orderId,
        keyHmac,
        state: 'submitted',
        createdAt: now,
        updatedAt: now,
      });
    });
  }

  /** The status for the right key; undefined for a wrong key, an unknown or an expired order. */
  async lookup(orderId: string, lookupKey: string): Promise<OrderStatusReply | undefined> {
    const presented = this.hmac(lookupKey);
    const record = ORDER_ID.test(orderId) ? await this.live(orderId) : undefined;
    const stored = record ? Buffer.from(record.keyHmac, 'hex') : this.decoy;
    const matches = timingSafeEqual(presented, stored);
    return record && matches ? replyOf(record) : undefined;
  }

  /** The lab's report; undefined when the order has no (live) status record. */
  async setState(orderId: string, body: LabStatusBody): Promise<OrderStatusReply | undefined> {
    return this.records.withOrder(orderId, async () => {
      const record = await this.live(orderId);
      if (!record) return undefined;
      const now = this.iso();
      record.state = body.state;
      record.updatedAt = now;
      if (body.state === 'shipped') {
        // Shipping again (a corrected tracking number) keeps the first shipping date.
        record.shippedAt ??= now;
        record.shipment = body.shipment ?? record.shipment ?? {};
      } else {
        delete record.shippedAt;
        delete record.shipment;
      }
      await this.records.put(record);
      return replyOf(record);
    });
  }

  /** The lab has fetched and deleted the order's files: `submitted` becomes `received`. */
  async markReceived(orderId: string): Promise<void> {
    await this.records.withOrder(orderId, async () => {
      const record = await this.live(orderId);
      if (record?.state !== 'submitted') return;
      record.state = 'received';
      record.updatedAt = this.iso();
      await this.records.put(record);
    });
  }

  /** Deletes the records past their retention; returns how many went. */
  sweep(): Promise<number> {
    return this.records.removeExpired(this.retention, this.opts.now());
  }

  /** When the record is deleted. */
  expiresAt(record: StatusRecord): number {
    return statusExpiresAt(record, this.retention);
  }

  /** The record unless it is past its retention (the hourly sweep may not have run yet). */
  private async live(orderId: string): Promise<StatusRecord | undefined> {
    const record = await this.records.get(orderId);
    return record && this.expiresAt(record) > this.opts.now() ? record : undefined;
  }

  private hmac(lookupKey: string): Buffer {
    return createHmac('sha256', this.opts.secret).update(lookupKey, 'utf8').digest();
  }

  private iso(): string {
    return new Date(this.opts.now()).toISOString();
  }
}

/** When a status record is deleted: after shipping, or after its last change if never shipped. */
export function statusExpiresAt(record: StatusRecord, retention: StatusRetention): number {
  return record.shippedAt
    ? Date.parse(record.shippedAt) + retention.afterShippedMs
    : Date.parse(record.updatedAt) + retention.unshippedMs;
}

function replyOf(record: StatusRecord): OrderStatusReply {
  const { orderId, state, updatedAt, shippedAt, shipment } = record;
  return {
    orderId,
    state,
    updatedAt,
    ...(state === 'shipped' && shippedAt ? { shipment: { ...shipment, shippedAt } } : {}),
  };
}
