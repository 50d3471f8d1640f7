import { ORDER_ID } from '../../../src/contract/receiver';
import { orderRecord } from '../orders';
import type { OrderRecord, OrderRecords } from '../orders';
import { LOCKS } from './postgres-db';
import type { PgDatabase } from './postgres-db';

interface OrderRow {
  order_id: string;
  record_version: number;
  token_hash: string;
  lookup_hmac: string | null;
  state: string;
  created_at: Date;
  updated_at: Date;
  committed_at: Date | null;
  uploads: unknown;
  files: unknown;
}

/** Order records in PostgreSQL (table receiver_orders), shared by every receiver on it. */
export class PostgresOrders implements OrderRecords {
  constructor(private readonly db: PgDatabase) {}

  async get(orderId: string): Promise<OrderRecord | undefined> {
    if (!ORDER_ID.test(orderId)) throw new Error(`not an order id: ${orderId}`);
    const { rows } = await this.db.query<OrderRow>(
      'SELECT * FROM receiver_orders WHERE order_id = $1',
      [orderId],
    );
    return rows[0] && recordOf(rows[0]);
  }

  async put(r: OrderRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO receiver_orders (order_id, record_version, token_hash, lookup_hmac, state,
         created_at, updated_at, committed_at, uploads, files)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (order_id) DO UPDATE SET record_version = $2, token_hash = $3,
         lookup_hmac = $4, state = $5, created_at = $6, updated_at = $7, committed_at = $8,
         uploads = $9, files = $10`,
      [
        r.orderId,
        r.version,
        r.tokenHash,
        r.lookupHmac ?? null,
        r.state,
        r.createdAt,
        r.updatedAt,
        r.committedAt ?? null,
        JSON.stringify(r.uploads),
        r.files === undefined ? null : JSON.stringify(r.files),
      ],
    );
  }

  async remove(orderId: string): Promise<void> {
    await this.db.query('DELETE FROM receiver_orders WHERE order_id = $1', [orderId]);
  }

  async ids(): Promise<string[]> {
    const { rows } = await this.db.query<{ order_id: string }>(
      'SELECT order_id FROM receiver_orders ORDER BY order_id',
    );
    return rows.map((r) => r.order_id);
  }

  async *readable(
    onUnreadable: (orderId: string, err: Error) => void,
  ): AsyncGenerator<OrderRecord> {
    const { rows } = await this.db.query<OrderRow>(
      'SELECT * FROM receiver_orders ORDER BY order_id',
    );
    for (const row of rows) {
      let record: OrderRecord;
      try {
        record = recordOf(row);
      } catch (err) {
        onUnreadable(row.order_id, err as Error);
        continue;
      }
      yield record;
    }
  }

  withOrder<T>(orderId: string, fn: () => Promise<T>): Promise<T> {
    return this.db.locked(LOCKS.orders, orderId, fn);
  }
}

/** The record a row holds, checked by the same schema as the files' records. */
function recordOf(row: OrderRow): OrderRecord {
  const parsed = orderRecord.safeParse({
    version: row.record_version,
    orderId: row.order_id,
    tokenHash: row.token_hash,
    lookupHmac: row.lookup_hmac ?? undefined,
    state: row.state,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    committedAt: row.committed_at?.toISOString(),
    uploads: row.uploads,
    files: row.files ?? undefined,
  });
  if (!parsed.success) throw new Error(`order record ${row.order_id} is corrupt`);
  return parsed.data;
}
