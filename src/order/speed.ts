/** One progress reading: bytes sent so far at a moment (ms). */
export interface ProgressSample {
  atMs: number;
  bytes: number;
}

/** Keeps a bounded window of readings; the chart shows the recent past, not the whole upload. */
export function addSample(
  samples: readonly ProgressSample[],
  sample: ProgressSample,
  max = 120,
): ProgressSample[] {
  const next = [...samples, sample];
  return next.length > max ? next.slice(next.length - max) : next;
}

/**
 * Bytes per second between consecutive readings, smoothed over a few steps
 * so one late event does not draw a spike. A resumed upload can step back:
 * negative steps count as zero.
 */
export function speedSeries(samples: readonly ProgressSample[], window = 3): number[] {
  const raw: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    const seconds = (b.atMs - a.atMs) / 1000;
    if (seconds <= 0) continue;
    raw.push(Math.max(0, b.bytes - a.bytes) / seconds);
  }
  return raw.map((_, i) => {
    const from = Math.max(0, i - window + 1);
    const part = raw.slice(from, i + 1);
    return part.reduce((sum, v) => sum + v, 0) / part.length;
  });
}

/** How far back the shown speed looks: long enough to smooth bursts, short enough to follow the line. */
export const SPEED_WINDOW_MS = 5_000;

/**
 * The line's speed in bytes per second: the bytes sent over the last `windowMs` of readings, not
 * the last step (a burst of buffered writes would show more than the line carries). Undefined
 * until the readings span a second, and after a step back (a resumed upload) it starts again.
 */
export function windowSpeed(
  samples: readonly ProgressSample[],
  windowMs = SPEED_WINDOW_MS,
): number | undefined {
  const last = samples.at(-1);
  if (!last) return undefined;
  let first = last;
  for (let i = samples.length - 2; i >= 0; i--) {
    const sample = samples[i]!;
    if (last.atMs - sample.atMs > windowMs || sample.bytes > first.bytes) break;
    first = sample;
  }
  const seconds = (last.atMs - first.atMs) / 1000;
  return seconds >= 1 ? (last.bytes - first.bytes) / seconds : undefined;
}

/** Seconds until `totalBytes` are sent at `speed`; undefined without a speed to go by. */
export function secondsLeft(
  sentBytes: number,
  totalBytes: number,
  speed: number | undefined,
): number | undefined {
  if (!speed || speed <= 0) return undefined;
  return Math.max(0, Math.ceil((totalBytes - sentBytes) / speed));
}
