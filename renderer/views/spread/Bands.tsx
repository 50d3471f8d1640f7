import { memo } from 'react';
import type { Box } from '../../../src/geometry/box';
import type { Surface } from '../../../src/geometry/surface';
import { pxBox } from './geometry';

interface Props {
  surface: Surface;
  pxPerMm: number;
}

/**
 * The production marks over a surface, as CEWE and Saal draw them: what lies outside the trim
 * (bleed, or a hardcover's wrap) is veiled, because it is cut off or folded round the board;
 * the safe boxes are dashed, because text and faces belong inside them; the binding band of a
 * spread and a cover's spine and hinges are tinted, because content there disappears into the
 * binding. Purely visual: no pointer events, hidden from assistive technology.
 */
export const Bands = memo(function Bands({ surface, pxPerMm }: Props) {
  const { media, trim } = surface;
  const veils: Box[] = [
    { x: 0, y: 0, width: media.width, height: trim.y },
    {
      x: 0,
      y: trim.y + trim.height,
      width: media.width,
      height: media.height - trim.y - trim.height,
    },
    { x: 0, y: trim.y, width: trim.x, height: trim.height },
    {
      x: trim.x + trim.width,
      y: trim.y,
      width: media.width - trim.x - trim.width,
      height: trim.height,
    },
  ].filter((b) => b.width > 0 && b.height > 0);
  const binding: Box[] =
    surface.role === 'spread' || surface.role === 'page'
      ? [surface.gutter]
      : surface.role === 'cover'
        ? [...surface.hinges, surface.spine.trim]
        : [];
  return (
    <div className="bands" aria-hidden="true">
      {veils.map((box, i) => (
        <div key={`veil-${i}`} className="band-veil" style={pxBox(box, pxPerMm)} />
      ))}
      {binding.map((box, i) => (
        <div key={`binding-${i}`} className="band-binding" style={pxBox(box, pxPerMm)} />
      ))}
      {surface.panels.map((panel) => (
        <div key={`safe-${panel.name}`} className="band-safe" style={pxBox(panel.safe, pxPerMm)} />
      ))}
      <div className="band-trim" style={pxBox(trim, pxPerMm)} />
    </div>
  );
});
