/**
 * The lab database's schema, as numbered steps. `PRAGMA user_version` says how many have run;
 * opening runs the missing ones in one transaction each. A step, once released, never changes:
 * a new need is a new step at the end.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: orders and their history, erasures, the invoice counter.
  `
  CREATE TABLE orders (
    order_id TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN
      ('received', 'in-production', 'shipped', 'purged', 'erased', 'quarantined')),
    source TEXT NOT NULL CHECK (source IN ('pull', 'medium')),
    photos INTEGER NOT NULL DEFAULT 0,
    received_at TEXT,
    production_at TEXT,
    shipped_at TEXT,
    tracking_number TEXT,
    purged_at TEXT,
    erased_at TEXT,
    quarantined_at TEXT,
    quarantine_reason TEXT,
    reported_state TEXT,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX orders_shipped ON orders (state, shipped_at);
  CREATE TABLE order_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id TEXT NOT NULL,
    state TEXT NOT NULL,
    at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX order_events_order ON order_events (order_id, seq);
  CREATE TABLE erasures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    erased_at TEXT NOT NULL,
    order_ids TEXT NOT NULL
  ) STRICT;
  CREATE TABLE invoices (
    number INTEGER PRIMARY KEY,
    order_id TEXT NOT NULL UNIQUE,
    issued_at TEXT NOT NULL
  ) STRICT;
  `,
];
