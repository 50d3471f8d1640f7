import { createHash } from 'node:crypto';
import {
  HostError,
  type NeededPhoto,
  type NotSentOrder,
  type OrderProgress,
  type OrderStatus,
  type PhotoSource,
} from '../../src/contract/host';
import type { Customer } from '../../src/order/customer';
import type { Design } from '../../src/model/design';
import {
  openPreparedOrder,
  prepareOrder,
  sendOrderRun,
  type OrderRun,
  type PreparedOrder,
  type SendChoice,
  type SubmitDeps,
} from './submit';
import type { PhotoProblem } from './order-files';
import { forgetPending, keychainJournal } from './order-journal';
import type { PendingOrderStore } from './pending-order';
import { neededPhotos, restoreOrderRun } from './resume';

/**
 * Pauses before sending again while the connection is gone: soon at first, then every minute,
 * for as long as the app is open. A customer who closes the laptop lid for an hour finds the
 * order sent when it opens again.
 */
export const ORDER_RETRY_DELAYS_MS = [2_000, 5_000, 10_000, 20_000, 30_000, 60_000];

export interface OrderRunnerOptions extends Omit<SubmitDeps, 'onProgress'> {
  onProgress(progress: OrderProgress): void;
  /** The order ended without reaching the lab: every window is told, not only the sender. */
  onFailed(failure: {
    orderId?: string;
    code: string;
    message: string;
    needsPhotos?: NeededPhoto[];
  }): void;
  /** The OS keychain's record of the running order: with it, an order survives a restart. */
  pending?: PendingOrderStore;
  /** Pauses between attempts (tests shorten them); the last one repeats. */
  retryDelaysMs?: number[];
  /** Pauses of the upload's own quick retries inside one attempt. */
  uploadRetryDelaysMs?: number[];
}

/**
 * The one order the host is sending. The host owns it, not the window: a reloaded window asks
 * for its status and sees its progress or its result. A lost connection is not a failure: the
 * runner waits and sends the same order again, continuing where the server's uploads stopped,
 * until it is through; only what sending again cannot cure (a photo gone, the server refusing
 * the order) ends it as failed, and a retry then continues the same order too.
 */
export class OrderRunner {
  private status: OrderStatus = { state: 'idle' };
  private run: OrderRun | undefined;
  private wake: (() => void) | undefined;
  /** "Send now" came while an attempt was on its way: if that one fails, the next starts at once. */
  private sendNow = false;
  private running: Promise<{ orderId: string }> | undefined;
  /** An order found on start that could not go on: the customer is told, until they dismiss it. */
  private notSent: NotSentOrder | undefined;
  /** The start-up look into the keychain ({@link resumePending}). */
  private startup: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: OrderRunnerOptions) {}

  current(): OrderStatus {
    if (this.status.state === 'idle' && this.notSent) {
      return { state: 'idle', notSent: this.notSent };
    }
    return this.status;
  }

  /** The status once the start-up look into the keychain is done: a window opened at start sees what it found. */
  async currentAfterStart(): Promise<OrderStatus> {
    await this.startup;
    return this.current();
  }

  /** Starts sending an order; resolves once the lab's server has it, or fails for good. */
  submit(design: Design, customer: Customer, send?: SendChoice): Promise<{ orderId: string }> {
    if (this.status.state === 'sending') {
      throw new HostError('invalid-request', 'order.submit: an order is being sent already');
    }
    this.run = undefined;
    this.notSent = undefined;
    let prepared: PreparedOrder | undefined;
    return this.start(async () => {
      if (!this.run) {
        // Made once: an attempt that could not reach the server renders nothing again, and
        // says nothing ("preparing") that would replace the waiting card.
        prepared ??= await prepareOrder(design, customer, this.deps(), send);
        this.run = await openPreparedOrder(prepared, this.deps());
        prepared = undefined;
      }
      return sendOrderRun(this.run, this.deps());
    });
  }

  /** Sends now instead of waiting; a failed order is sent again, the same order. */
  retry(): boolean {
    if (this.wake) {
      this.wake();
      return true;
    }
    if (this.status.state === 'sending') {
      this.sendNow = true;
      return true;
    }
    const run = this.run;
    if (this.status.state !== 'failed' || !run) return false;
    void this.start(() => sendOrderRun(run, this.deps())).catch(() => {});
    return true;
  }

  async forget(): Promise<void> {
    if (this.status.state === 'sending') {
      throw new HostError('invalid-request', 'order.forget: the order is still being sent');
    }
    const run = this.run;
    this.run = undefined;
    this.status = { state: 'idle' };
    this.notSent = undefined;
    // Let go for good: a failed order's resume secrets leave the keychain too.
    if (run && this.options.pending) await forgetPending(this.options.pending, run.orderId);
  }

  /**
   * On start: an order the app was sending when it was closed (found in the keychain) goes on,
   * the same order, from what the server holds. Photos come again from where they were read;
   * those that can't be had are asked of the customer (`needsPhotos`).
   */
  resumePending(): Promise<boolean> {
    const looking = this.resumeFound();
    this.startup = looking.catch(() => undefined);
    return looking;
  }

  private async resumeFound(): Promise<boolean> {
    const { pending, log } = this.options;
    if (!pending || this.status.state !== 'idle') return false;
    const found = await pending.load().catch((error: unknown) => {
      log?.(`keychain: could not read a pending order: ${(error as Error).message}`);
      return { state: 'none' as const };
    });
    if (found.state === 'damaged')
      log?.(`keychain: a damaged pending order was removed (${found.why})`);
    if (found.state !== 'found') return false;
    const run = restoreOrderRun(found.order, found.progress, this.options);
    if ('refused' in run) {
      log?.(`${run.refused}: it can't be resumed and is forgotten`);
      await forgetPending(pending, found.order.orderId, log);
      // Not silently nothing: the customer hears on start that it did not go out.
      this.notSent = { orderId: found.order.orderId, reason: run.reason };
      return false;
    }
    log?.(`order ${run.orderId}: resuming after a restart`);
    this.run = run;
    void this.start(() => sendOrderRun(run, this.deps())).catch(() => {});
    return true;
  }

  /**
   * Photos picked again for a failed order: each source is read once, matched to the photo it
   * must be by its hash, and read from there on. When no photo is missing any more, the same
   * order goes on.
   */
  async supplyPhotos(sources: PhotoSource[]): Promise<{
    matched: string[];
    unmatched: string[];
    needsPhotos: NeededPhoto[];
    resumed: boolean;
  }> {
    const run = this.run;
    if (!run || this.status.state !== 'failed') {
      throw new HostError('invalid-request', 'order.supplyPhotos: no order is waiting for photos');
    }
    const byHash = new Map(run.photos.map((p) => [p.sha256, p]));
    const matched: string[] = [];
    const unmatched: string[] = [];
    for (const source of sources) {
      const bytes =
        source.kind === 'path'
          ? { kind: 'path' as const, path: source.path }
          : { kind: 'browser' as const, fileId: source.fileId };
      const name = source.kind === 'path' ? source.path : source.name;
      const probe = run.store.keep([]);
      const photo = run.photos[0]!;
      probe.add(photo, bytes, Buffer.alloc(0));
      // One photo in memory at a time, let go once hashed.
      const hash = await probe.read(photo.id).then(
        (b) => createHash('sha256').update(b).digest('hex'),
        () => undefined,
      );
      const match = hash === undefined ? undefined : byHash.get(hash);
      if (!match) {
        unmatched.push(name);
        continue;
      }
      run.store.add(match, bytes, Buffer.alloc(0));
      // The bytes were just read whole and hashed: no need to read a file on disk through again.
      if (bytes.kind === 'path') run.checked.add(match.id);
      matched.push(match.id);
    }
    // The list made when the order stopped stands: a browser photo can't be looked at cheaply.
    const needsPhotos = (this.status.needsPhotos ?? []).filter((p) => !matched.includes(p.assetId));
    if (needsPhotos.length > 0) {
      this.status = { ...this.status, needsPhotos };
      return { matched, unmatched, needsPhotos, resumed: false };
    }
    void this.start(() => sendOrderRun(run, this.deps())).catch(() => {});
    return { matched, unmatched, needsPhotos, resumed: true };
  }

  /** Runs attempts until one gets through or fails for good. */
  private start(attempt: () => Promise<{ orderId: string }>): Promise<{ orderId: string }> {
    const delays = this.options.retryDelaysMs ?? ORDER_RETRY_DELAYS_MS;
    this.progress({ phase: 'preparing', sentBytes: 0, totalBytes: 0 });
    this.running = (async () => {
      for (let failures = 0; ; failures++) {
        try {
          const { orderId } = await attempt();
          this.status = { state: 'done', orderId };
          this.sendNow = false;
          // Done: the customer's data leaves memory with the run.
          this.run = undefined;
          return { orderId };
        } catch (error) {
          if (!sendingAgainHelps(error)) {
            const body =
              error instanceof HostError
                ? { code: error.code, message: error.message }
                : { code: 'internal', message: String(error) };
            const needsPhotos = await this.photosToPick(error);
            this.status = { state: 'failed', orderId: this.run?.orderId, error: body, needsPhotos };
            this.options.onFailed({ orderId: this.run?.orderId, ...body, needsPhotos });
            throw error;
          }
          const waitMs = this.sendNow ? 0 : delays[Math.min(failures, delays.length - 1)]!;
          this.sendNow = false;
          const last = this.status.state === 'sending' ? this.status.progress : undefined;
          this.progress({
            phase: 'waiting',
            sentBytes: last?.sentBytes ?? 0,
            totalBytes: last?.totalBytes ?? 0,
            orderId: this.run?.orderId,
            retryAt: Date.now() + waitMs,
            lastError: (error as Error).message,
          });
          this.options.log?.(
            `order ${this.run?.orderId ?? '(not opened)'}: connection lost, sending again in ${Math.round(waitMs / 1000)} s`,
          );
          await this.pause(waitMs);
        }
      }
    })();
    return this.running;
  }

  /** The photos to pick again, when what stopped an opened order is a photo that can't be had. */
  private async photosToPick(error: unknown): Promise<NeededPhoto[] | undefined> {
    const run = this.run;
    if (!run || !(error instanceof HostError) || error.code !== 'photo-missing') return undefined;
    const assetId = error.params?.['assetId'];
    const problem = error.params?.['problem'];
    if (typeof assetId !== 'string' || typeof problem !== 'string') return undefined;
    return neededPhotos(run, { assetId, problem: problem as PhotoProblem });
  }

  /** Waits `ms`, or less if the customer asks to send now (`retry`). */
  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        this.wake = undefined;
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private progress(progress: OrderProgress): void {
    this.status = { state: 'sending', progress };
    this.options.onProgress(progress);
  }

  private deps(): SubmitDeps {
    const {
      retryDelaysMs: _attempts,
      uploadRetryDelaysMs,
      onProgress: _p,
      onFailed: _f,
      ...deps
    } = this.options;
    const { pending: keychain, ...rest } = deps;
    return {
      ...rest,
      retryDelaysMs: uploadRetryDelaysMs,
      onProgress: (progress) => this.progress(progress),
      journal: keychain ? keychainJournal(keychain, deps.log) : undefined,
    };
  }
}

/**
 * Whether sending the same order again can get it through: a lost connection, a server that was
 * down or overloaded (5xx) can; a refusal (4xx: the order expired, the upload rights are gone)
 * or a photo that can no longer be read cannot.
 */
function sendingAgainHelps(error: unknown): boolean {
  if (!(error instanceof HostError) || error.code !== 'upload-failed') return false;
  const status = error.params?.['status'];
  return typeof status !== 'number' || status >= 500 || status === 408 || status === 429;
}
