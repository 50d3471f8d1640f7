import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { TextFrame } from '../../../src/model/book';
import { LINE_HEIGHT, setText } from '../../../src/model/text-edits';
import { MM_PER_PT, fontOrDefault } from '../../../src/text/fonts';
import { cssFontFamily, registerBundledFonts } from '../../fonts';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores/app-store';
import './text.css';

registerBundledFonts();

interface Props {
  frame: TextFrame;
  pxPerMm: number;
  /** The editing view: a double-click edits the text in place. Thumbnails leave it off. */
  editable?: boolean;
}

/** The type of a frame as CSS at the view's scale: the same font file, size and colour as print. */
function typeStyle(frame: TextFrame, pxPerMm: number): React.CSSProperties {
  return {
    fontFamily: cssFontFamily(fontOrDefault(frame.fontId)),
    fontSize: `${frame.sizePt * MM_PER_PT * pxPerMm}px`,
    lineHeight: LINE_HEIGHT,
    color: frame.colour,
    textAlign: frame.align,
    fontWeight: frame.bold ? 700 : 400,
    fontStyle: frame.italic ? 'italic' : 'normal',
  };
}

/**
 * Whether the element's text runs past its bottom edge. Measured again when the text or the box
 * changes and when a font file finishes loading, since the real font sets different line breaks
 * than the fallback drawn before it. Only where `active` (the editing view): page-strip
 * thumbnails of a 200-page book would each force a layout for a mark nobody reads there.
 */
function useOverflow(
  ref: React.RefObject<HTMLElement | null>,
  active: boolean,
  deps: readonly unknown[],
) {
  const [overflowing, setOverflowing] = useState(false);
  const measure = useCallback(() => {
    const el = ref.current;
    // One pixel of slack: line boxes round differently from the box at some zooms.
    setOverflowing(active && el !== null && el.scrollHeight > el.clientHeight + 1);
  }, [ref, active]);
  useLayoutEffect(measure, [measure, ...deps]);
  useEffect(() => {
    if (!active) return;
    document.fonts.addEventListener('loadingdone', measure);
    return () => document.fonts.removeEventListener('loadingdone', measure);
  }, [measure, active]);
  return overflowing;
}

/**
 * A text frame's text as it will print: its bundled font, size scaled from points to the view's
 * millimetres, colour, alignment, bold and italic, cut at the frame's edges as the print cuts it.
 * Text that does not fit is marked with a red corner badge and described to screen readers
 * ("Text passt nicht in den Rahmen"). In the editing view a double-click (or Enter on the
 * selected frame) edits it in place: Escape cancels, a click outside or Ctrl+Enter commits, and
 * the edit is one undo step.
 */
export function TextContent({ frame, pxPerMm, editable = false }: Props) {
  const t = useT();
  const [draft, setDraft] = useState<string | null>(null);
  const textRef = useRef<HTMLElement | null>(null);
  const shown = draft ?? frame.text;
  const style = typeStyle(frame, pxPerMm);
  const editing = draft !== null;
  const overflowing = useOverflow(textRef, editable, [shown, editing, style.fontSize, frame]);
  const badgeId = useId();
  const rootRef = useRef<HTMLDivElement>(null);

  // Enter on the selected frame edits it in place: the keyboard's double-click. FrameView's
  // element has the focus and its own key handler (Enter selects), so listen on it directly.
  useEffect(() => {
    const owner = rootRef.current?.closest<HTMLElement>('[data-frame-id]');
    if (!editable || editing || !owner) return;
    const onKey = (event: KeyboardEvent) => {
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
      if (event.target !== owner || event.key !== 'Enter' || !plain) return;
      if (owner.getAttribute('aria-pressed') !== 'true') return;
      event.preventDefault();
      setDraft(frame.text);
    };
    owner.addEventListener('keydown', onKey);
    return () => owner.removeEventListener('keydown', onKey);
  }, [editable, editing, frame.text]);

  // The frame element (FrameView's) carries the description, so its accessible name stays its own.
  useLayoutEffect(() => {
    const owner = textRef.current?.closest('[data-frame-id]');
    if (!owner || !overflowing) return;
    owner.setAttribute('aria-describedby', badgeId);
    return () => owner.removeAttribute('aria-describedby');
  }, [overflowing, badgeId]);

  return (
    <div
      ref={rootRef}
      className="text-content"
      onDoubleClick={
        editable && draft === null
          ? (event) => {
              event.stopPropagation();
              setDraft(frame.text);
            }
          : undefined
      }
    >
      {draft === null ? (
        <div
          ref={(el) => {
            textRef.current = el;
          }}
          className="text-print"
          style={style}
          // The frame's own name carries the text (FrameView's label): said once, not twice.
          aria-hidden="true"
        >
          {frame.text}
        </div>
      ) : (
        <InlineEditor
          frame={frame}
          style={style}
          draft={draft}
          setDraft={setDraft}
          textRef={textRef}
          label={t('text.editor')}
        />
      )}
      {editable && frame.text === '' && draft === null && (
        <span className="text-placeholder" aria-hidden="true">
          {t('text.placeholder')}
        </span>
      )}
      {overflowing && (
        // Hidden as content, read as the frame's description (aria-describedby reaches it).
        <span className="text-overflow-badge" title={t('text.overflow')} aria-hidden="true">
          <span>!</span>
          <span id={badgeId} className="visually-hidden">
            {t('text.overflow')}
          </span>
        </span>
      )}
    </div>
  );
}

interface EditorProps {
  frame: TextFrame;
  style: React.CSSProperties;
  draft: string;
  setDraft(draft: string | null): void;
  textRef: React.RefObject<HTMLElement | null>;
  label: string;
}

/**
 * The text in place, as a textarea in the frame's own type. A pointer press anywhere else
 * commits (also where the press does not move focus, such as the page under a drag handler).
 */
function InlineEditor({ frame, style, draft, setDraft, textRef, label }: EditorProps) {
  const applyEdit = useAppStore((s) => s.applyEdit);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const latest = useRef(draft);
  useLayoutEffect(() => {
    latest.current = draft;
  }, [draft]);
  const done = useRef(false);

  const commit = useCallback(() => {
    if (done.current) return;
    done.current = true;
    const text = latest.current;
    applyEdit('text.edit', (book) => (book.frames[frame.id] ? setText(book, frame.id, text) : []));
    setDraft(null);
  }, [applyEdit, frame.id, setDraft]);

  const cancel = useCallback(() => {
    done.current = true;
    setDraft(null);
  }, [setDraft]);

  /** Back to the frame, so a keyboard user goes on from where the editing began. */
  const refocusFrame = () => areaRef.current?.closest<HTMLElement>('[data-frame-id]')?.focus();

  useEffect(() => {
    const area = areaRef.current;
    area?.focus();
    area?.setSelectionRange(area.value.length, area.value.length);
    const outside = (event: PointerEvent) => {
      if (event.target instanceof Node && !area?.contains(event.target)) commit();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [commit]);

  return (
    <textarea
      ref={(el) => {
        areaRef.current = el;
        textRef.current = el;
      }}
      className="text-print text-editor"
      style={style}
      value={draft}
      aria-label={label}
      spellCheck
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        // The designer's keys (Delete, arrows, Escape) belong to the text while typing.
        event.stopPropagation();
        if (event.key === 'Escape') {
          event.preventDefault();
          cancel();
          refocusFrame();
        } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          commit();
          refocusFrame();
        }
      }}
      onPointerDown={(event) => event.stopPropagation()}
      onDoubleClick={(event) => event.stopPropagation()}
    />
  );
}
