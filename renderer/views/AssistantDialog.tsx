import { useEffect, useMemo, useRef, useState } from 'react';
import { useAppStore } from '../stores/app-store';
import { useT } from '../i18n';
import { FILL_COMMANDS, fillCommandId, plannedFill } from '../../src/commands/assistant-commands';
import { shippedPageContext } from '../../src/commands/page-commands';
import type { FillOptions } from '../../src/layout/assistant';
import { useCommand } from './use-command';
import { keepTabInside } from './focus-trap';
import './assistant.css';

/**
 * "Automatisch füllen": a toolbar button and its small dialog. The customer picks which photos
 * (only those not in the book yet, or all) and whether pages they designed stay; the dialog says
 * what the fill will do, and "Füllen" runs the matching registered command: one undo step.
 */
export function AssistantButton() {
  const command = useCommand('assistant.fill');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        onClick={() => setOpen(true)}
        disabled={!command.enabled}
        title={command.title}
        aria-haspopup="dialog"
      >
        {command.label}
      </button>
      {open && <AssistantDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function AssistantDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [options, setOptions] = useState<FillOptions>(FILL_COMMANDS['assistant.fill']);
  const book = useAppStore((s) => s.book);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    if (!dialog.current?.open) dialog.current?.showModal();
    return () => previous?.focus();
  }, []);
  // What the fill would do with these choices, for the sentence above the buttons.
  const plan = useMemo(() => {
    const state = useAppStore.getState();
    if (!book) return undefined;
    return plannedFill(shippedPageContext, { ...state, book }, options);
  }, [book, options]);
  const fill = () => {
    useAppStore.getState().perform(fillCommandId(options));
    onClose();
  };
  const nothing = !plan || plan.placedPhotos === 0;
  return (
    <dialog
      ref={dialog}
      className="assistant-dialog"
      aria-labelledby="assistant-title"
      onKeyDown={(e) => {
        // The designer's keys must not act behind the dialog.
        e.stopPropagation();
        keepTabInside(e, dialog.current);
      }}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="assistant-title">{t('assistant.title')}</h2>
      <fieldset>
        <legend>{t('assistant.photos')}</legend>
        <Choice
          name="photos"
          checked={options.photos === 'unused'}
          label={t('assistant.photos.unused')}
          onSelect={() => setOptions({ ...options, photos: 'unused' })}
        />
        <Choice
          name="photos"
          checked={options.photos === 'all'}
          label={t('assistant.photos.all')}
          onSelect={() => setOptions({ ...options, photos: 'all' })}
        />
      </fieldset>
      <fieldset>
        <legend>{t('assistant.pages')}</legend>
        <Choice
          name="pages"
          checked={options.pages === 'keep'}
          label={t('assistant.pages.keep')}
          onSelect={() => setOptions({ ...options, pages: 'keep' })}
        />
        <Choice
          name="pages"
          checked={options.pages === 'redo'}
          label={t('assistant.pages.redo')}
          onSelect={() => setOptions({ ...options, pages: 'redo' })}
        />
      </fieldset>
      <div className="assistant-plan" role="status">
        {nothing ? (
          <p>{t('assistant.nothing')}</p>
        ) : (
          <>
            <p>{t('assistant.plan', { photos: plan.placedPhotos, pages: plan.filledPages })}</p>
            {plan.addedPages > 0 && <p>{t('assistant.planAdded', { added: plan.addedPages })}</p>}
            {plan.leftOver > 0 && <p>{t('assistant.planLeftOver', { count: plan.leftOver })}</p>}
            <p className="note">{t('assistant.undoHint')}</p>
          </>
        )}
      </div>
      <div className="dialog-buttons">
        <button onClick={onClose}>{t('assistant.cancel')}</button>
        <button className="primary" onClick={fill} disabled={nothing} autoFocus>
          {t('assistant.confirm')}
        </button>
      </div>
    </dialog>
  );
}

function Choice(props: { name: string; checked: boolean; label: string; onSelect(): void }) {
  return (
    <label className="assistant-choice">
      <input
        type="radio"
        name={props.name}
        checked={props.checked}
        onChange={(e) => e.target.checked && props.onSelect()}
      />
      {props.label}
    </label>
  );
}
