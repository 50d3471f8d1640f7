interface Props {
  speeds: readonly number[];
  label: string;
}

/** The upload speed over the last seconds, drawn: a glance tells whether the line is steady. */
export function SpeedChart({ speeds, label }: Props) {
  const width = 320;
  const height = 60;
  if (speeds.length < 2) return null;
  const top = Math.max(...speeds) || 1;
  const step = width / (speeds.length - 1);
  const points = speeds
    .map((v, i) => `${(i * step).toFixed(1)},${(height - (v / top) * (height - 4)).toFixed(1)}`)
    .join(' ');
  return (
    <svg
      className="speed-chart"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-label={label}
    >
      <polyline points={`0,${height} ${points} ${width},${height}`} className="speed-area" />
      <polyline points={points} className="speed-line" />
    </svg>
  );
}
