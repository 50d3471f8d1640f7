import { z } from 'zod';
import { LookupKey, OrderId } from './receiver';

export { LookupKey };

/**
 * The customer's order status lookup, as the receiving server and its clients speak it.
 *
 * The server must answer "where is my order?" without ever holding the customer's email in
 * plaintext, and without being able to recover it cheaply. So the client turns the email into a
 * lookup key: scrypt over the normalised email, salted with the order id (below), sent once the
 * order is opened (receiver.ts lookupKeyPath) and with each lookup. The server keeps only an
 * HMAC of it under a secret of its own (server/receiver/status-store.ts), so its records alone
 * are worth nothing, and guessing one order's email costs one scrypt per guess even with the
 * secret. The status record is made at commit; an order abandoned open takes its key with it.
 */

/** `POST` an order number and lookup key; the reply is the order's status (or 404). */
export const ORDER_STATUS_PATH = '/api/v1/order-status';

/** `PUT` the state the lab has reached with an order (lab token). */
export function labOrderStatusPath(orderId: string): string {
  return `/api/v1/lab/orders/${encodeURIComponent(orderId)}/status`;
}

/**
 * scrypt's parameters for the lookup key. N = 2^15, r = 8 takes 32 MiB and about 0.1 s a
 * guess on one core: nothing for a customer asking once, a lot for a list of a million emails.
 * Changing any of them changes every key: a new `saltPrefix` version must come with it.
 */
export const LOOKUP_KDF = {
  N: 2 ** 15,
  r: 8,
  p: 1,
  keyBytes: 32,
  saltPrefix: 'photodose/order-status/v1:',
} as const;

/**
 * The email as the key is made from: Unicode NFC, surrounding space removed, lower case. The
 * customer types it again months later, maybe with capitals or on another keyboard: the same
 * address must give the same key. (Local parts are case sensitive in theory, never in practice.)
 */
export function normaliseEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/**
 * An order number as customers type it: spaces and case don't matter, the "PD-" may be left
 * out. Whatever else it is comes back unchanged, to be refused by the order id's pattern.
 */
export function normaliseOrderNumber(typed: string): string {
  const compact = typed.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z2-7]{10}$/.test(compact) ? `PD-${compact}` : compact;
}

/** The salt for an order's lookup key: one key per order, so no table serves two orders. */
export function lookupSalt(orderId: string): string {
  return `${LOOKUP_KDF.saltPrefix}${orderId}`;
}

/** Where an order is. `submitted`: at the server, not yet fetched by the lab. */
export const OrderState = z.enum(['submitted', 'received', 'in-production', 'shipped']);
export type OrderState = z.infer<typeof OrderState>;

/** The states the lab reports; `submitted` is the server's own, set at commit. */
export const LabOrderState = z.enum(['received', 'in-production', 'shipped']);
export type LabOrderState = z.infer<typeof LabOrderState>;

/** Parcel services' tracking numbers: letters, digits and dashes (DHL, Deutsche Post, UPS...). */
export const TrackingNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{4,40}$/, 'must be 4-40 letters, digits or dashes');

/** The parcel service by name, as the lab's shipping methods call it. */
export const Carrier = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N} .&-]{1,40}$/u, 'must be 1-40 letters, digits, spaces or . & -');

/** The parcel of a shipped order; the tracking number once the lab has one. */
export const Shipment = z
  .object({ trackingNumber: TrackingNumber.optional(), carrier: Carrier.optional() })
  .strict();
export type Shipment = z.infer<typeof Shipment>;

/** Body of `PUT labOrderStatusPath(orderId)`: a shipment only with `shipped`. */
export const LabStatusBody = z
  .object({ state: LabOrderState, shipment: Shipment.optional() })
  .strict()
  .refine((body) => body.state === 'shipped' || body.shipment === undefined, {
    path: ['shipment'],
    message: 'a shipment goes only with the state "shipped"',
  });
export type LabStatusBody = z.infer<typeof LabStatusBody>;

/** Body of `POST ORDER_STATUS_PATH`. */
export const StatusLookupBody = z.object({ orderId: OrderId, lookupKey: LookupKey }).strict();
export type StatusLookupBody = z.infer<typeof StatusLookupBody>;

/** Reply to a lookup (200) and to the lab's update (200): no personal data in either. */
export const OrderStatusReply = z.object({
  orderId: OrderId,
  state: OrderState,
  /** When the state last changed. */
  updatedAt: z.iso.datetime(),
  /** With `shipped`: when, and the parcel's tracking number where the lab gave one. */
  shipment: Shipment.extend({ shippedAt: z.iso.datetime() }).optional(),
});
export type OrderStatusReply = z.infer<typeof OrderStatusReply>;

/**
 * The one answer for "no such order" and "wrong email" (404): telling them apart would let
 * anyone test which order numbers exist.
 */
export const STATUS_NOT_FOUND = 'no order with this number and email';
