import { useState } from 'react';
import { useT } from '../../i18n';
import type { Finding } from '../../../src/preflight/findings';
import { worstSeverity } from '../../../src/preflight/findings';
import { FindingList } from './FindingList';
import { needsLook, toneOf } from './finding-words';
import { jumpTo } from './jump';
import { usePreflight } from './use-preflight';
import { useModal } from './use-dialog';
import './preflight.css';

/**
 * The toolbar's "Prüfen · 3 Hinweise": how many places need a look, coloured by the worst, and
 * a click opens the whole list (CEWE's check before ordering, at any time). Choosing a place
 * closes the list and shows it in the book.
 */
export function CheckButton() {
  const t = useT();
  const findings = usePreflight();
  const [open, setOpen] = useState(false);
  const dialog = useModal(open);
  const count = findings.filter(needsLook).length;
  const worst = worstSeverity(findings.filter(needsLook));
  const jump = (finding: Finding) => {
    setOpen(false);
    jumpTo(finding);
  };
  return (
    <>
      <button
        type="button"
        className={`check-button tone-${worst ? toneOf(worst) : 'none'}`}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        {count > 0 && <span className="finding-dot" aria-hidden="true" />}
        {t('preflight.button', { count })}
      </button>
      <dialog
        ref={dialog}
        className="preflight-dialog"
        aria-labelledby="preflight-title"
        onClose={() => setOpen(false)}
      >
        <h2 id="preflight-title">{t('preflight.title')}</h2>
        {findings.length === 0 ? (
          <p>{t('preflight.allGood')}</p>
        ) : (
          <>
            <p className="note">{t('preflight.jumpHint')}</p>
            <FindingList findings={findings} onJump={jump} />
          </>
        )}
        <div className="dialog-buttons">
          <button type="button" className="primary" onClick={() => setOpen(false)}>
            {t('preflight.close')}
          </button>
        </div>
      </dialog>
    </>
  );
}
