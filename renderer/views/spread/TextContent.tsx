import type { TextFrame } from '../../../src/model/book';

/** Millimetres of a point (1/72 inch): type sizes are in points, the page in millimetres. */
const MM_PER_PT = 25.4 / 72;

interface Props {
  frame: TextFrame;
  pxPerMm: number;
}

/** A text frame's text as it will print, at the view's scale. */
export function TextContent({ frame, pxPerMm }: Props) {
  return (
    <span
      className="text-content"
      style={{
        color: frame.colour,
        textAlign: frame.align,
        fontWeight: frame.bold ? 'bold' : undefined,
        fontStyle: frame.italic ? 'italic' : undefined,
        fontSize: `${frame.sizePt * MM_PER_PT * pxPerMm}px`,
      }}
    >
      {frame.text}
    </span>
  );
}
