import { ORDER_ID } from '../../../src/contract/receiver';
import { statusRecord } from '../status-store';
import type { StatusRecord, StatusRecords, StatusRetention } from '../status-store';
import { LOCKS } from './postgres-db';
import type { PgDatabase } from './postgres-db';

interface StatusRow {
  order_id: string;
  record_version: number;
  key_hmac: string;
  state: string;
  created_at: Date;
  updated_at: Date;
  shipped_at: Date | null;
  shipment: unknown;
}

/** Status records in PostgreSQL (table receiver_statuses), shared by every receiver on it. */
export class PostgresStatuses implements StatusRecords {
  constructor(private readonly db: PgDatabase) {}

  async get(orderId: string): Promise<StatusRecord | undefined> {
    if (!ORDER_ID.test(orderId)) throw new Error(`not an order id: ${orderId}`);
    const { rows } = await this.db.query<StatusRow>(
      'SELECT * FROM receiver_statuses WHERE order_id = $1',
      [orderId],
    );
    const row = rows[0];
    if (!row) return undefined;
    const parsed = statusRecord.safeParse({
      version: row.record_version,
      orderId: row.order_id,
      keyHmac: row.key_hmac,
      state: row.state,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      shippedAt: row.shipped_at?.toISOString(),
      shipment: row.shipment ?? undefined,
    });
    if (!parsed.success) throw new Error(`status record ${orderId} is corrupt`);
    return parsed.data;
  }

  async put(r: StatusRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO receiver_statuses (order_id, record_version, key_hmac, state, created_at,
         updated_at, shipped_at, shipment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (order_id) DO UPDATE SET record_version = $2, key_hmac = $3, state = $4,
         created_at = $5, updated_at = $6, shipped_at = $7, shipment = $8`,
      [
        r.orderId,
        r.version,
        r.keyHmac,
        r.state,
        r.createdAt,
        r.updatedAt,
        r.shippedAt ?? null,
        r.shipment === undefined ? null : JSON.stringify(r.shipment),
      ],
    );
  }

  withOrder<T>(orderId: string, fn: () => Promise<T>): Promise<T> {
    return this.db.locked(LOCKS.statuses, orderId, fn);
  }

  /**
   * One statement for all receivers' records; a record another receiver is changing right
   * now (its lock held) waits for the next sweep.
   */
  async removeExpired(retention: StatusRetention, nowMs: number): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM receiver_statuses
       WHERE (CASE WHEN shipped_at IS NOT NULL
                THEN shipped_at + $1 * interval '1 millisecond'
                ELSE updated_at + $2 * interval '1 millisecond' END) <= to_timestamp($3 / 1000.0)
         AND pg_try_advisory_xact_lock($4, hashtext(order_id))`,
      [retention.afterShippedMs, retention.unshippedMs, nowMs, LOCKS.statuses],
    );
    return rowCount ?? 0;
  }
}
