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
