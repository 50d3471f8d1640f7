import { z } from 'zod';
import { parseOrThrow } from '../validation';
import { LabBusiness } from './lab-business';
import { ServerPins } from './server-pins';
import { LabCheckout, defaultLabCheckout } from './checkout-config';
import { LabBrand, LabSupport } from './lab-brand';

/**
 * The white-label lab configuration: who the lab is, the age recipient
 * every order is encrypted to, and where orders go. A release ships the one
 * `npm run dist` checked (lab-policy.ts); `serverUrl: "embedded"` is the
 * demonstration lab of dev/lab.json, a receiving server on 127.0.0.1 that
 * runs beside the app in development only.
 */
export const LabConfig = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  city: z.string().min(1),
  recipient: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, 'expected an age X25519 recipient'),
  serverUrl: z.union([z.literal('embedded'), z.url({ protocol: /^https?$/ })]),
  /**
   * Public key pins of the server (server-pins.ts): when present, a certificate whose key
   * matches none of them is refused even if a trusted CA issued it.
   */
  serverPins: ServerPins.optional(),
  /**
   * Where the desktop app looks for updates of itself (electron-updater's generic provider:
   * `latest.yml` beside the installers). https only; without it the app never updates itself.
   */
  updateUrl: z.url({ protocol: /^https$/ }).optional(),
  /** Invoices: tax ids, register, bank, payment terms (lab-business.ts); seller in `checkout`. */
  business: LabBusiness.optional(),
  /** Terms, privacy statement, payment and shipping (checkout-config.ts); Photo Dose's when absent. */
  checkout: LabCheckout.optional(),
  /** Colours and logo (lab-brand.ts): required in a lab folder (assets/labs/), set at build time. */
  brand: LabBrand.optional(),
  /** Where customers get help (lab-brand.ts): required in a lab folder. */
  support: LabSupport.optional(),
});
export type LabConfig = z.infer<typeof LabConfig>;

export function parseLabConfig(data: unknown): LabConfig {
  return parseOrThrow(LabConfig, data, 'lab configuration');
}

/** What the lab sells on at checkout: its own `checkout`, or Photo Dose's. */
export function labCheckout(config: Pick<LabConfig, 'checkout'>): LabCheckout {
  return config.checkout ?? defaultLabCheckout;
}
