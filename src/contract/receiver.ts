import { z } from 'zod';

/**
 * The receiving server's wire contract: its paths, the rules for ids and names, and the JSON
 * bodies of the order and lab API. The server (server/receiver) and its clients
 * (services/upload) both validate against this one file, so they cannot drift apart.
 */

/** The tus endpoint; clients create uploads at `${TUS_PATH}/`, an upload is `${TUS_PATH}/<id>`. */
export const TUS_PATH = '/api/v1/uploads';
/** `POST` opens a new order. */
export const ORDERS_PATH = '/api/v1/orders';
/** `GET` lists the complete orders (lab token). */
export const LAB_ORDERS_PATH = '/api/v1/lab/orders';
/** `GET` lists the orders created but not committed (lab token). */
export const LAB_OPEN_ORDERS_PATH = '/api/v1/lab/open-orders';

/** `POST` commits the order once every file is uploaded (upload token). */
export function commitPath(orderId: string): string {
  return `${ORDERS_PATH}/${encodeURIComponent(orderId)}/commit`;
}

/** `DELETE` removes the order from the server (lab token). */
export function labOrderPath(orderId: string): string {
  return `${LAB_ORDERS_PATH}/${encodeURIComponent(orderId)}`;
}

/** `GET` streams one stored file of a complete order (lab token). */
export function labFilePath(orderId: string, name: string): string {
  return `${labOrderPath(orderId)}/files/${encodeURIComponent(name)}`;
}

/** Order ids: 'PD-' and 10 base32 characters (50 random bits), safe in URLs and file names. */
export const ORDER_ID = /^PD-[A-Z2-7]{10}$/;

/** File names inside an order: lower case, no path separators, at most 64 characters. */
export const FILE_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Upload ids as the server names them: 16 random bytes, hex. */
export const UPLOAD_ID = /^[0-9a-f]{32}$/;

/** Upload tokens: 32 random bytes, base64url; only ever sent as a bearer token. */
export const UPLOAD_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Most files one order may hold; bounds the order record and the commit body. */
export const MAX_FILES_PER_ORDER = 5000;

export const OrderId = z.string().regex(ORDER_ID, 'must be an order id like PD-ABCDEFGH23');
export const FileName = z
  .string()
  .regex(FILE_NAME, 'file name must be 1-64 of a-z 0-9 . _ - starting with a letter or digit');
const ByteCount = z.number().int().nonnegative();

/** Reply to `POST ORDERS_PATH` (201): the new order, its secret token and the tus endpoint. */
export const CreateOrderReply = z.object({
  orderId: OrderId,
  uploadToken: z.string().regex(UPLOAD_TOKEN, 'must be 43 characters of base64url'),
  uploadUrl: z.url({ protocol: /^https?$/ }),
});
export type CreateOrderReply = z.infer<typeof CreateOrderReply>;

/** One file of a commit: its name within the order and its size in bytes. */
export const CommitFile = z.object({ name: FileName, size: ByteCount }).strict();
export type CommitFile = z.infer<typeof CommitFile>;

/**
 * The customer's order status lookup key (src/contract/order-status.ts): 32 bytes derived from
 * their email and the order id, base64url without padding.
 */
export const LookupKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'must be 43 characters of base64url');

/**
 * `PUT` the customer's status lookup key once the order is opened (upload token). Without one,
 * the order has no status lookup.
 */
export function lookupKeyPath(orderId: string): string {
  return `${ORDERS_PATH}/${encodeURIComponent(orderId)}/lookup-key`;
}

/** Body of `PUT lookupKeyPath(orderId)`. */
export const LookupKeyBody = z.object({ lookupKey: LookupKey }).strict();
export type LookupKeyBody = z.infer<typeof LookupKeyBody>;

/** Body of `POST commitPath(orderId)`: every file of the order, each name once. */
export const CommitBody = z
  .object({ files: z.array(CommitFile).min(1).max(MAX_FILES_PER_ORDER) })
  .strict()
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.files.forEach((file, i) => {
      if (seen.has(file.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['files', i, 'name'],
          message: `duplicate file name "${file.name}"`,
        });
      }
      seen.add(file.name);
    });
  });
export type CommitBody = z.infer<typeof CommitBody>;

/** Reply to a commit (200), also when the same commit is repeated. */
export const CommitReply = z.object({ orderId: OrderId, state: z.literal('complete') });
export type CommitReply = z.infer<typeof CommitReply>;

/** A complete order waiting at the server for the lab. */
export const LabOrder = z.object({
  orderId: OrderId,
  committedAt: z.iso.datetime(),
  files: z.array(z.object({ name: FileName, size: ByteCount })).max(MAX_FILES_PER_ORDER),
});
export type LabOrder = z.infer<typeof LabOrder>;

/** Reply to `GET LAB_ORDERS_PATH` (200), oldest commit first. */
export const LabOrderList = z.object({ orders: z.array(LabOrder) });
export type LabOrderList = z.infer<typeof LabOrderList>;

/** What the lab sees of an open order: counts and times only, no tokens, no personal data. */
export const OpenOrder = z.object({
  orderId: OrderId,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** The record's change or the last byte received, whichever is later. */
  lastActivityAt: z.iso.datetime(),
  /** When the expiry sweep deletes it unless something happens before. */
  expiresAt: z.iso.datetime(),
  files: z.number().int().nonnegative().max(MAX_FILES_PER_ORDER),
  /** Bytes received so far, over all its uploads. */
  bytes: ByteCount,
});
export type OpenOrder = z.infer<typeof OpenOrder>;

/** Reply to `GET LAB_OPEN_ORDERS_PATH` (200), least recently active first. */
export const OpenOrderList = z.object({ orders: z.array(OpenOrder) });
export type OpenOrderList = z.infer<typeof OpenOrderList>;

/** Every error reply of the JSON endpoints and of tus: a message meant for people. */
export const ErrorBody = z.object({ error: z.string() });
export type ErrorBody = z.infer<typeof ErrorBody>;
