import { useCallback, useId, useState } from 'react';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import type { MessageKey } from '../../src/i18n/translate';
import type { Background } from '../../src/model/book';
import { photoAcross, photoOnEachPage, setBackgrounds } from '../../src/model/backgrounds';
import { PageChoice, usePageChoice } from './page-choice';
import type { BookView } from './spread/use-book-view';
import './pages.css';

/** Colours a photo book page is commonly given: light papers first, then dark ones. */
const SWATCHES: readonly { name: MessageKey; colour: string }[] = [
  { name: 'colour.white', colour: '#ffffff' },
  { name: 'colour.cream', colour: '#f6f1e7' },
  { name: 'colour.sand', colour: '#e6d8bd' },
  { name: 'colour.lightGrey', colour: '#e4e4e2' },
  { name: 'colour.sage', colour: '#b8c7ae' },
  { name: 'colour.sky', colour: '#cde0ee' },
  { name: 'colour.rose', colour: '#f0d3d6' },
  { name: 'colour.navy', colour: '#1f2a44' },
  { name: 'colour.anthracite', colour: '#3a3d42' },
  { name: 'colour.black', colour: '#111111' },
];

type Scope = 'page' | 'spread';

/**
 * A page's background: a colour (swatches or any colour) or the photo selected in the tray, on
 * one page or on the whole open spread. On a spread, "whole spread" lays one photo across both
 * pages; each change is one undo step.
 */
export function BackgroundPanel({ view }: { view: BookView }) {
  const t = useT();
  const choice = usePageChoice(view);
  const applyEdit = useAppStore((s) => s.applyEdit);
  const selectedAssetId = useAppStore((s) => s.selectedAssetId);
  const [scope, setScope] = useState<Scope>('page');
  const id = useId();
  const whole = scope === 'spread' && choice.pages.length > 1;
  const targets = whole ? choice.pages : choice.page ? [choice.page] : [];
  const targetIds = targets.map((p) => p.pageId);
  const backgrounds = targetIds.map((pageId) => view.book.pages[pageId]?.background);
  const shownColour = backgrounds[0]?.kind === 'colour' ? backgrounds[0].colour : '#ffffff';

  const setColour = (colour: string) =>
    applyEdit('background.colour', (book) =>
      setBackgrounds(book, targetIds, { kind: 'colour', colour }),
    );

  if (targets.length === 0) return null;
  const usePhoto = () => {
    if (!selectedAssetId) return;
    applyEdit('background.photo', (book) =>
      whole
        ? photoAcross(book, targets, selectedAssetId)
        : photoOnEachPage(book, targetIds, selectedAssetId),
    );
  };
  const isShown = (colour: string) =>
    backgrounds.every((b: Background | undefined) => b?.kind === 'colour' && b.colour === colour);

  return (
    <section className="background-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('background.title')}</h2>
      {choice.pages.length > 1 && (
        <fieldset className="page-choice">
          <legend>{t('background.scope')}</legend>
          {(['page', 'spread'] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name={`${id}-scope`}
                checked={scope === value}
                onChange={() => setScope(value)}
              />
              {t(value === 'page' ? 'background.thisPage' : 'background.wholeSpread')}
            </label>
          ))}
        </fieldset>
      )}
      {!whole && <PageChoice choice={choice} legend="layout.forPage" />}
      <div className="swatches">
        {SWATCHES.map((swatch) => (
          <button
            key={swatch.colour}
            className="swatch"
            style={{ background: swatch.colour }}
            aria-label={t('background.swatch', { name: t(swatch.name) })}
            title={t(swatch.name)}
            aria-pressed={isShown(swatch.colour)}
            onClick={() => setColour(swatch.colour)}
          />
        ))}
        <ColourInput
          key={`${targetIds.join(' ')}-${shownColour}`}
          pageKey={targetIds.join(' ')}
          value={shownColour}
          label={t('background.custom')}
        />
      </div>
      <button
        className="background-photo"
        disabled={!selectedAssetId}
        aria-describedby={selectedAssetId ? undefined : `${id}-need`}
        onClick={usePhoto}
      >
        {t('background.usePhoto')}
      </button>
      {!selectedAssetId && (
        <p className="note" id={`${id}-need`}>
          {t('background.needPhoto')}
        </p>
      )}
    </section>
  );
}

interface ColourInputProps {
  /** The ids of the pages to colour, joined by spaces. */
  pageKey: string;
  value: string;
  label: string;
}

/**
 * Any colour, through the system's colour picker. The input reports every step while the picker
 * is open (React's onChange); only its native "change" (the picker closed on a colour) becomes
 * an undo step, so choosing a colour is one step however long the customer tries.
 */
function ColourInput({ pageKey, value, label }: ColourInputProps) {
  const applyEdit = useAppStore((s) => s.applyEdit);
  const ref = useCallback(
    (input: HTMLInputElement | null) => {
      if (!input) return;
      const onChange = () =>
        applyEdit('background.colour', (book) =>
          setBackgrounds(book, pageKey.split(' '), {
            kind: 'colour',
            colour: input.value.toLowerCase(),
          }),
        );
      input.addEventListener('change', onChange);
      return () => input.removeEventListener('change', onChange);
    },
    [applyEdit, pageKey],
  );
  return (
    <input
      ref={ref}
      className="swatch-custom"
      type="color"
      defaultValue={value}
      aria-label={label}
      title={label}
    />
  );
}
