import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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

const statusRecord = z.object({
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
 * What the server keeps for an order's status lookup, in `status/<orderId>.json`: the order
 * number, a keyed hash of the lookup key, the state and the parcel. No name, address or email,
 * and nothing of the upload: it outlives the order's files, which go when the lab has them.
 */
export type StatusRecord = z.infer<typeof statusRecord>;

/** Options of {@link StatusStore}. */
export interface StatusStoreOptions {
  dir: string;
  /** The HMAC key (secrets.ts loadLookupSecret). */
  secret: Buffer;
  /** Milliseconds since the epoch; tests move it. */
  now: () => number;
  retention?: Partial<StatusRetention>;
}

/**
 * Status records as JSON files, one per order, written atomically. Lookups compare keyed
 * hashes in constant time and answer an unknown order exactly like a wrong email.
 */
export class StatusStore {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly retention: StatusRetention;
  /** Compared against when there is no record, so both answers cost the same work. */
  private readonly decoy = randomBytes(32);

  constructor(private readonly opts: StatusStoreOptions) {
    this.retention = { ...DEFAULT_STATUS_RETENTION, ...opts.retention };
  }

  async init(): Promise<void> {
    await mkdir(this.opts.dir, { recursive: true, mode: 0o700 });
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
    await this.withOrder(orderId, async () => {
      if (await this.read(orderId)) return;
      const now = this.iso();
      await this.write({
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
    return this.withOrder(orderId, async () => {
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
      await this.write(record);
      return replyOf(record);
    });
  }

  /** The lab has fetched and deleted the order's files: `submitted` becomes `received`. */
  async markReceived(orderId: string): Promise<void> {
    await this.withOrder(orderId, async () => {
      const record = await this.live(orderId);
      if (record?.state !== 'submitted') return;
      record.state = 'received';
      record.updatedAt = this.iso();
      await this.write(record);
    });
  }

  /** Deletes the records past their retention; returns how many went. */
  async sweep(): Promise<number> {
    let removed = 0;
    for (const orderId of await this.ids()) {
      await this.withOrder(orderId, async () => {
        const record = await this.read(orderId).catch(() => undefined);
        if (record && this.expired(record)) {
          await rm(this.path(orderId), { force: true });
          removed++;
        }
      });
    }
    return removed;
  }

  /** When the record is deleted. */
  expiresAt(record: StatusRecord): number {
    return record.shippedAt
      ? Date.parse(record.shippedAt) + this.retention.afterShippedMs
      : Date.parse(record.updatedAt) + this.retention.unshippedMs;
  }

  private expired(record: StatusRecord): boolean {
    return this.expiresAt(record) <= this.opts.now();
  }

  /** The record unless it is past its retention (the hourly sweep may not have run yet). */
  private async live(orderId: string): Promise<StatusRecord | undefined> {
    const record = await this.read(orderId);
    return record && !this.expired(record) ? record : undefined;
  }

  private hmac(lookupKey: string): Buffer {
    return createHmac('sha256', this.opts.secret).update(lookupKey, 'utf8').digest();
  }

  private iso(): string {
    return new Date(this.opts.now()).toISOString();
  }

  private path(orderId: string): string {
    if (!ORDER_ID.test(orderId)) throw new Error(`not an order id: ${orderId}`);
    return join(this.opts.dir, `${orderId}.json`);
  }

  private async read(orderId: string): Promise<StatusRecord | undefined> {
    let text: string;
    try {
      text = await readFile(this.path(orderId), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    const parsed = statusRecord.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`status record ${orderId} is corrupt`);
    return parsed.data;
  }

  private async write(record: StatusRecord): Promise<void> {
    const target = this.path(record.orderId);
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, JSON.stringify(record), { mode: 0o600 });
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw err;
    }
  }

  private async ids(): Promise<string[]> {
    const names = await readdir(this.opts.dir);
    return names
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -'.json'.length))
      .filter((id) => ORDER_ID.test(id));
  }

  private async withOrder<T>(orderId: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(orderId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(fn);
    this.tails.set(orderId, run);
    try {
      return await run;
    } finally {
      if (this.tails.get(orderId) === run) this.tails.delete(orderId);
    }
  }
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
