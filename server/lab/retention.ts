/** How long the lab keeps what; purge.ts deletes by these, and the texts quote them. */

/** The privacy statement's promise: image data goes 14 days after the order ships. */
export const IMAGE_RETENTION_DAYS = 14;
/**
 * A damaged order never ships, so the 14 days never start: its ciphertext (photos and the
 * customer's address, sealed) goes this long after it was quarantined instead, time enough to
 * look into the damage and ask the customer to send the order again.
 */
export const QUARANTINE_RETENTION_DAYS = 30;
