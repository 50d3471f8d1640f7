import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { TextFrame } from '../../src/model/book';
import { setText, setTextStyle, MAX_SIZE_PT, MIN_SIZE_PT } from '../../src/model/text-edits';
import { FONTS, fontOrDefault, hasBold, hasItalic } from '../../src/text/fonts';
import { cssFontFamily, registerBundledFonts } from '../fonts';
import { useT } from '../i18n';
import { useAppStore } from '../stores/app-store';
import { useCommand } from './use-command';

registerBundledFonts();

/**
 * The selected text frame's text and type: the text itself (the keyboard way to edit it), the
 * font (each named in itself), size in points, colour, alignment, bold and italic. Bold and
 * italic are off and explained where the font has no such face. Each field is one undo step.
 */
export function TextPanel() {
  const t = useT();
  const frame = useAppStore((s) => {
    const selected = s.selectedFrameId ? s.book?.frames[s.selectedFrameId] : undefined;
    return selected?.kind === 'text' ? selected : undefined;
  });
  if (!frame) return null;
  return (
    <section className="panel text-panel" aria-labelledby="text-panel-title">
      <h2 id="text-panel-title">{t('text.panel')}</h2>
      {/* Keyed by frame: a field's draft never carries over to another frame. */}
      <TextFields key={frame.id} frame={frame} />
    </section>
  );
}

function TextFields({ frame }: { frame: TextFrame }) {
  const t = useT();
  const applyEdit = useAppStore((s) => s.applyEdit);
  const style = (patch: Parameters<typeof setTextStyle>[2]) =>
    applyEdit('text.style', (book) =>
      book.frames[frame.id] ? setTextStyle(book, frame.id, patch) : [],
    );
  const font = fontOrDefault(frame.fontId);
  const ids = { text: useId(), size: useId(), colour: useId(), noBold: useId(), noItalic: useId() };
  return (
    <>
      <label htmlFor={ids.text}>{t('text.content')}</label>
      <DraftField
        id={ids.text}
        multiline
        value={frame.text}
        commit={(text) =>
          applyEdit('text.edit', (book) =>
            book.frames[frame.id] ? setText(book, frame.id, text) : [],
          )
        }
      />
      <fieldset className="font-choice">
        <legend>{t('text.font')}</legend>
        {FONTS.map((f) => (
          <label key={f.id}>
            <input
              type="radio"
              name={`font-${frame.id}`}
              value={f.id}
              checked={f.id === font.id}
              onChange={() => style({ fontId: f.id })}
            />
            <span style={{ fontFamily: cssFontFamily(f) }}>{f.family}</span>
          </label>
        ))}
      </fieldset>
      <div className="row">
        <label htmlFor={ids.size}>{t('text.size')}</label>
        <DraftField
          id={ids.size}
          type="number"
          min={MIN_SIZE_PT}
          max={MAX_SIZE_PT}
          step={0.5}
          value={String(frame.sizePt)}
          commit={(value) => {
            const sizePt = Number(value);
            if (value.trim() !== '' && Number.isFinite(sizePt)) style({ sizePt });
          }}
        />
        <label htmlFor={ids.colour}>{t('text.colour')}</label>
        <ColourField id={ids.colour} value={frame.colour} commit={(colour) => style({ colour })} />
      </div>
      <div className="row" role="group" aria-label={t('text.alignment')}>
        {(['Left', 'Center', 'Right', 'Justify'] as const).map((a) => (
          <PressCommand key={a} id={`text.align${a}`} pressed={frame.align === a.toLowerCase()} />
        ))}
      </div>
      <div className="row">
        <PressCommand
          id="text.bold"
          pressed={frame.bold}
          describedBy={hasBold(font) ? undefined : ids.noBold}
        />
        <PressCommand
          id="text.italic"
          pressed={frame.italic}
          describedBy={hasItalic(font) ? undefined : ids.noItalic}
        />
      </div>
      {!hasBold(font) && (
        <p id={ids.noBold} className="field-note">
          {t('text.noBold', { font: font.family })}
        </p>
      )}
      {!hasItalic(font) && (
        <p id={ids.noItalic} className="field-note">
          {t('text.noItalic', { font: font.family })}
        </p>
      )}
    </>
  );
}

/** A toggle button for a registered command, pressed while its state is on. */
function PressCommand({
  id,
  pressed,
  describedBy,
}: {
  id: string;
  pressed: boolean;
  describedBy?: string | undefined;
}) {
  const command = useCommand(id);
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={command.run}
      disabled={!command.enabled}
      title={command.title}
      aria-keyshortcuts={command.ariaShortcut}
      aria-describedby={describedBy}
    >
      {command.label}
    </button>
  );
}

interface DraftFieldProps extends Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value'> {
  value: string;
  commit(value: string): void;
  multiline?: boolean;
}

/**
 * A field that edits a draft and commits it once, on Enter (Ctrl+Enter in a multi-line field)
 * or when focus leaves, so typing a word is one undo step and not one per letter. Escape puts
 * the book's value back. A change from elsewhere (undo) shows when the field is not being edited.
 */
export function DraftField({ value, commit, multiline = false, ...rest }: DraftFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? value;
  const done = () => {
    if (draft !== null && draft !== value) commit(draft);
    setDraft(null);
  };
  const keys = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape' && draft !== null) {
      event.stopPropagation();
      setDraft(null);
    } else if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      done();
    }
  };
  if (multiline) {
    return (
      <textarea
        id={rest.id}
        rows={3}
        value={shown}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={done}
        onKeyDown={keys}
      />
    );
  }
  return (
    <input
      {...rest}
      value={shown}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={done}
      onKeyDown={keys}
    />
  );
}

/**
 * The colour picker commits when the customer has chosen (the native `change` event), not on
 * every step while the picker is dragged, so one colour is one undo step.
 */
function ColourField({
  id,
  value,
  commit,
}: {
  id: string;
  value: string;
  commit(colour: string): void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  const latest = useRef(commit);
  useLayoutEffect(() => {
    latest.current = commit;
  });
  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    const changed = () => latest.current(input.value);
    input.addEventListener('change', changed);
    return () => input.removeEventListener('change', changed);
  }, []);
  useEffect(() => {
    if (ref.current && document.activeElement !== ref.current) ref.current.value = value;
  }, [value]);
  return <input ref={ref} id={id} type="color" defaultValue={value} />;
}
