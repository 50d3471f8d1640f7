import Database from 'better-sqlite3';
import { chmod, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';
import { OrderStateError } from './lab-store';
import type {
  Clock,
  ErasureRecord,
  LabOrderEvent,
  LabOrderRecord,
  LabOrderState,
  LabStore,
  OrderSource,
} from './lab-store';

/** The lab database's file name inside the orders folder. */
export const LAB_DB_FILE = 'lab.sqlite';

interface OrderRow {
  order_id: string;
  state: LabOrderState;
  source: OrderSource;
  photos: number;
  received_at: string | null;
  production_at: string | null;
  shipped_at: string | null;
  tracking_number: string | null;
  purged_at: string | null;
  erased_at: string | null;
  quarantined_at: string | null;
  quarantine_reason: string | null;
  reported_state: string | null;
  updated_at: string;
}

/** Opens (creating and migrating) the SQLite lab database at `path`. */
export async function openSqliteLabStore(path: string, clock: Clock): Promise<LabStore> {
  await mkdir(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    // Only the lab's operator reads which orders it has, and their tracking numbers.
    await chmod(path, 0o600);
    // Deleted rows are overwritten, not left in free pages: an erasure must not be readable
    // in the file afterwards. No WAL: one file, and nothing erased lingers in a side file.
    db.pragma('secure_delete = ON');
    db.pragma('journal_mode = DELETE');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteLabStore(db, clock);
}

/** Runs the schema steps this file has not seen, each in its own transaction. */
function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(
      `the lab database ${db.name} is of schema version ${version}, made by a newer photodose ` +
        `(this one knows ${MIGRATIONS.length}): update photodose`,
    );
  }
  for (let step = version; step < MIGRATIONS.length; step++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[step]!);
      db.pragma(`user_version = ${step + 1}`);
    }).immediate();
  }
}

const date = (value: string | null): Date | undefined => (value ? new Date(value) : undefined);

function toRecord(row: OrderRow): LabOrderRecord {
  return {
    orderId: row.order_id,
    state: row.state,
    source: row.source,
    photos: row.photos,
    receivedAt: date(row.received_at),
    productionAt: date(row.production_at),
    shippedAt: date(row.shipped_at),
    trackingNumber: row.tracking_number ?? undefined,
    purgedAt: date(row.purged_at),
    erasedAt: date(row.erased_at),
    quarantinedAt: date(row.quarantined_at),
    quarantineReason: row.quarantine_reason ?? undefined,
    reportedState: row.reported_state ?? undefined,
    updatedAt: new Date(row.updated_at),
  };
}

class SqliteLabStore implements LabStore {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {}

  private now(): string {
    return this.clock().toISOString();
  }

  private row(orderId: string): OrderRow | undefined {
    return this.db.prepare('SELECT * FROM orders WHERE order_id = ?').get(orderId) as
      OrderRow | undefined;
  }

  /** Runs `change` in a write transaction after checking the order's state allows it. */
  private transition(
    orderId: string,
    to: LabOrderState,
    from: readonly (LabOrderState | undefined)[],
    change: (at: string, row: OrderRow | undefined) => void,
  ): void {
    this.db
      .transaction(() => {
        const row = this.row(orderId);
        if (!from.includes(row?.state)) {
          throw new OrderStateError(
            row
              ? `order ${orderId} is ${row.state}: it cannot become ${to}`
              : `order ${orderId} is not known to the lab`,
          );
        }
        const at = this.now();
        change(at, row);
        this.db
          .prepare('INSERT INTO order_events (order_id, state, at) VALUES (?, ?, ?)')
          .run(orderId, to, at);
      })
      .immediate();
  }

  async get(orderId: string): Promise<LabOrderRecord | undefined> {
    const row = this.row(orderId);
    return row && toRecord(row);
  }

  async list(): Promise<LabOrderRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM orders ORDER BY updated_at DESC, order_id')
      .all() as OrderRow[];
    return rows.map(toRecord);
  }

  async history(orderId: string): Promise<LabOrderEvent[]> {
    const rows = this.db
      .prepare('SELECT order_id, state, at FROM order_events WHERE order_id = ? ORDER BY seq')
      .all(orderId) as { order_id: string; state: LabOrderState; at: string }[];
    return rows.map((r) => ({ orderId: r.order_id, state: r.state, at: new Date(r.at) }));
  }

  async recordReceived(orderId: string, info: { source: OrderSource; photos: number }) {
    this.transition(orderId, 'received', [undefined, 'quarantined'], (at) => {
      this.db
        .prepare(
          `INSERT INTO orders (order_id, state, source, photos, received_at, updated_at)
           VALUES (@orderId, 'received', @source, @photos, @at, @at)
           ON CONFLICT (order_id) DO UPDATE SET state = 'received', source = @source,
             photos = @photos, received_at = @at, quarantined_at = NULL,
             quarantine_reason = NULL, updated_at = @at`,
        )
        .run({ orderId, source: info.source, photos: info.photos, at });
    });
  }

  async recordQuarantined(orderId: string, source: OrderSource, reason: string) {
    this.transition(orderId, 'quarantined', [undefined, 'quarantined'], (at) => {
      this.db
        .prepare(
          `INSERT INTO orders (order_id, state, source, quarantined_at, quarantine_reason, updated_at)
           VALUES (@orderId, 'quarantined', @source, @at, @reason, @at)
           ON CONFLICT (order_id) DO UPDATE SET source = @source, quarantined_at = @at,
             quarantine_reason = @reason, updated_at = @at`,
        )
        .run({ orderId, source, reason, at });
    });
  }

  async markInProduction(orderId: string) {
    this.transition(orderId, 'in-production', ['received'], (at) => {
      this.db
        .prepare(
          `UPDATE orders SET state = 'in-production', production_at = ?, updated_at = ?
           WHERE order_id = ?`,
        )
        .run(at, at, orderId);
    });
  }

  async markShipped(orderId: string, shipment: { trackingNumber?: string }) {
    this.transition(orderId, 'shipped', ['received', 'in-production'], (at) => {
      this.db
        .prepare(
          `UPDATE orders SET state = 'shipped', shipped_at = ?, tracking_number = ?,
             updated_at = ? WHERE order_id = ?`,
        )
        .run(at, shipment.trackingNumber ?? null, at, orderId);
    });
  }

  async shippedBefore(before: Date): Promise<LabOrderRecord[]> {
    return this.inStateSince('shipped', 'shipped_at', before);
  }

  async quarantinedBefore(before: Date): Promise<LabOrderRecord[]> {
    return this.inStateSince('quarantined', 'quarantined_at', before);
  }

  /** Orders in `state` whose `column` (when they got there) is at or before `before`, oldest first. */
  private inStateSince(
    state: 'shipped' | 'quarantined',
    column: 'shipped_at' | 'quarantined_at',
    before: Date,
  ): LabOrderRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM orders WHERE state = ? AND ${column} <= ? ORDER BY ${column}, order_id`,
      )
      .all(state, before.toISOString()) as OrderRow[];
    return rows.map(toRecord);
  }

  async markPurged(orderId: string) {
    this.transition(orderId, 'purged', ['shipped', 'quarantined'], (at) => {
      this.db
        .prepare(
          `UPDATE orders SET state = 'purged', purged_at = ?, updated_at = ? WHERE order_id = ?`,
        )
        .run(at, at, orderId);
    });
  }

  async recordErasure(orderIds: string[]): Promise<ErasureRecord> {
    const erasable = ['received', 'in-production', 'shipped', 'purged', 'quarantined'] as const;
    let record: ErasureRecord | undefined;
    this.db
      .transaction(() => {
        for (const orderId of orderIds) {
          const state = this.row(orderId)?.state;
          // An order the lab has no record of (a folder that never verified) or erased before.
          if (state === undefined || state === 'erased') continue;
          this.transition(orderId, 'erased', erasable, (at) => {
            this.db
              .prepare(
                `UPDATE orders SET state = 'erased', erased_at = ?, tracking_number = NULL,
                   quarantine_reason = NULL, updated_at = ? WHERE order_id = ?`,
              )
              .run(at, at, orderId);
          });
        }
        const at = this.now();
        const { lastInsertRowid } = this.db
          .prepare('INSERT INTO erasures (erased_at, order_ids) VALUES (?, ?)')
          .run(at, JSON.stringify(orderIds));
        record = { id: Number(lastInsertRowid), erasedAt: new Date(at), orderIds };
      })
      .immediate();
    return record!;
  }

  async erasures(): Promise<ErasureRecord[]> {
    const rows = this.db.prepare('SELECT * FROM erasures ORDER BY id').all() as {
      id: number;
      erased_at: string;
      order_ids: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      erasedAt: new Date(r.erased_at),
      orderIds: JSON.parse(r.order_ids) as string[],
    }));
  }

  async markReported(orderId: string, state: string) {
    this.db.prepare('UPDATE orders SET reported_state = ? WHERE order_id = ?').run(state, orderId);
  }

  async nextInvoiceNumber(orderId: string): Promise<number> {
    return this.db
      .transaction(() => {
        const existing = this.invoiceRow(orderId);
        if (existing) return existing;
        const { next } = this.db
          .prepare('SELECT COALESCE(MAX(number), 0) + 1 AS next FROM invoices')
          .get() as { next: number };
        this.db
          .prepare('INSERT INTO invoices (number, order_id, issued_at) VALUES (?, ?, ?)')
          .run(next, orderId, this.now());
        return next;
      })
      .immediate();
  }

  async invoiceNumberOf(orderId: string): Promise<number | undefined> {
    return this.invoiceRow(orderId);
  }

  private invoiceRow(orderId: string): number | undefined {
    const row = this.db.prepare('SELECT number FROM invoices WHERE order_id = ?').get(orderId) as
      { number: number } | undefined;
    return row?.number;
  }

  async close() {
    if (this.db.open) this.db.close();
  }
}
