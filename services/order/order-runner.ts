import { HostError, type OrderProgress, type OrderStatus } from '../../src/contract/host';
import type { Customer } from '../../src/order/customer';
import type { Design } from '../../src/model/design';
import {
  openOrderRun,
  sendOrderRun,
  type OrderRun,
  type SendChoice,
  type SubmitDeps,
} from './submit';

/**
 * Pauses before sending again while the connection is gone: soon at first, then every minute,
 * for as long as the app is open. A customer who closes the laptop lid for an hour finds the
 * order sent when it opens again.
 */
export const ORDER_RETRY_DELAYS_MS = [2_000, 5_000, 10_000, 20_000, 30_000, 60_000];

export interface OrderRunnerOptions extends Omit<SubmitDeps, 'onProgress'> {
  onProgress(progress: OrderProgress): void;
  /** The order ended without reaching the lab: every window is told, not only the sender. */
  onFailed(failure: { orderId?: string; code: string; message: string }): void;
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

  constructor(private readonly options: OrderRunnerOptions) {}

  current(): OrderStatus {
    return this.status;
  }

  /** Starts sending an order; resolves once the lab's server has it, or fails for good. */
  submit(design: Design, customer: Customer, send?: SendChoice): Promise<{ orderId: string }> {
    if (this.status.state === 'sending') {
      throw new HostError('invalid-request', 'order.submit: an order is being sent already');
    }
    this.run = undefined;
    return this.start(async () => {
      this.run ??= await openOrderRun(design, customer, this.deps(), send);
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

  forget(): void {
    if (this.status.state === 'sending') {
      throw new HostError('invalid-request', 'order.forget: the order is still being sent');
    }
    this.run = undefined;
    this.status = { state: 'idle' };
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
            this.status = { state: 'failed', orderId: this.run?.orderId, error: body };
            this.options.onFailed({ orderId: this.run?.orderId, ...body });
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
    return {
      ...deps,
      retryDelaysMs: uploadRetryDelaysMs,
      onProgress: (progress) => this.progress(progress),
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
