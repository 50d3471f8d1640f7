import { memo, useId, type HTMLAttributes } from 'react';
import type { Frame, PhotoAsset } from '../../../src/model/book';
import { photoStyle } from '../../../src/model/crop';
import type { Finding } from '../../../src/preflight/findings';
import { FindingBadge } from '../preflight/FindingBadge';
import { TextContent } from './TextContent';

export interface FrameViewProps {
  frame: Frame;
  /** The page panel's trim, in CSS pixels from the surface's top left: frames are relative to it. */
  originPx: { left: number; top: number };
  pxPerMm: number;
  asset: PhotoAsset | undefined;
  thumbnail: string | undefined;
  selected: boolean;
  /** The accessible name, e.g. "Seite 3 · Foto Strand.jpg"; absent in thumbnails. */
  label?: string;
  /** Pointer and key handlers of the editing view; thumbnails pass none and are inert. */
  handlers?: HTMLAttributes<HTMLDivElement>;
  /** The pre-order check's mark for this frame (a blurry photo...); the editing view only. */
  finding?: Finding;
}

/**
 * One frame at its place on the surface, turned by its rotation about its centre: a photo at its
 * crop (the same arithmetic the print uses), or its text. In the editing view it is a button a
 * keyboard can reach; in a page-strip thumbnail it is only a picture.
 */
export const FrameView = memo(function FrameView({
  frame,
  originPx,
  pxPerMm,
  asset,
  thumbnail,
  selected,
  label,
  handlers,
  finding,
}: FrameViewProps) {
  const badgeId = useId();
  const interactive = handlers !== undefined;
  const classes = ['frame', `frame-${frame.kind}`];
  if (selected) classes.push('selected');
  if (frame.kind === 'photo' && !frame.assetId) classes.push('empty');
  return (
    <div
      className={classes.join(' ')}
      data-frame-id={frame.id}
      role={interactive ? 'button' : undefined}
      tabIndex={interactive ? (selected ? 0 : -1) : undefined}
      aria-label={interactive ? label : undefined}
      aria-pressed={interactive ? selected : undefined}
      aria-describedby={finding ? badgeId : undefined}
      style={{
        left: originPx.left + frame.xMm * pxPerMm,
        top: originPx.top + frame.yMm * pxPerMm,
        width: frame.widthMm * pxPerMm,
        height: frame.heightMm * pxPerMm,
        // Above the page backgrounds (0), in the page's own order.
        zIndex: frame.z + 1,
        transform: frame.rotationDeg ? `rotate(${frame.rotationDeg}deg)` : undefined,
      }}
      {...handlers}
    >
      {frame.kind === 'text' ? (
        <TextContent frame={frame} pxPerMm={pxPerMm} editable={interactive} />
      ) : (
        thumbnail &&
        asset && (
          <img
            src={thumbnail}
            alt=""
            decoding="async"
            draggable={false}
            style={photoStyle(frame.crop, asset, frame)}
          />
        )
      )}
      {finding && <FindingBadge finding={finding} id={badgeId} />}
    </div>
  );
});
