import { useEffect, useState } from 'react';
import { HostError, type SendChoice } from '../../src/contract/host';
import type { Design } from '../../src/model/design';
import type { Customer } from '../../src/order/customer';
import { formatBytes, type MessageKey } from '../../src/i18n/translate';
import { useAppStore } from '../stores/app-store';
import { useHost } from '../host-context';
import { useT } from '../i18n';

type Saving =
  | { state: 'idle' }
  | { state: 'writing'; writtenBytes: number; totalBytes: number }
  | { state: 'saved'; orderId: string; dir: string }
  | { state: 'failed'; reason: MessageKey; detail: string };

/** The customer's words for why saving failed (the host's `params.problem`). */
const problemMessage: Record<string, MessageKey> = {
  'no-space': 'checkout.medium.failed.noSpace',
  'not-writable': 'checkout.medium.failed.notWritable',
  'not-a-folder': 'checkout.medium.failed.notAFolder',
};

function failureOf(error: unknown): Extract<Saving, { state: 'failed' }> {
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof HostError && error.code === 'photo-missing') {
    return { state: 'failed', reason: 'checkout.medium.failed.photo', detail };
  }
  const problem = error instanceof HostError ? error.params?.['problem'] : undefined;
  const reason =
    (typeof problem === 'string' && problemMessage[problem]) || 'checkout.medium.failed';
  return { state: 'failed', reason, detail };
}

/**
 * Orders on a medium (privacy statement: USB stick, disk, DVD): instead of uploading, the host
 * writes the same encrypted order into a folder the customer brings to the lab. The desktop app
 * asks for the folder with its dialog; in a browser the host runs on the customer's own
 * computer, so the page names a folder there by its path.
 */
export function MediumExport(props: {
  design: Design;
  send: SendChoice;
  /** The customer's details once they are complete; saving waits for them. */
  customer: Customer | undefined;
  /** The package is written: the order is placed, on the medium. */
  onSaved(saved: { orderId: string; dir: string }): void;
}) {
  const t = useT();
  const host = useHost();
  const locale = useAppStore((s) => s.locale);
  const [transport, setTransport] = useState<'electron' | 'loopback'>();
  const [folder, setFolder] = useState('');
  const [saving, setSaving] = useState<Saving>({ state: 'idle' });

  useEffect(() => {
    let current = true;
    host.invoke('app.info', {}).then(
      (info) => current && setTransport(info.transport),
      () => {},
    );
    const off = host.on('order.exportProgress', (progress) =>
      setSaving((now) => (now.state === 'writing' ? { state: 'writing', ...progress } : now)),
    );
    return () => {
      current = false;
      off();
    };
  }, [host]);

  const inBrowser = transport === 'loopback';
  const canSave =
    props.customer !== undefined &&
    saving.state !== 'writing' &&
    transport !== undefined &&
    (!inBrowser || folder.trim() !== '');

  const save = async () => {
    if (!props.customer) return;
    setSaving({ state: 'writing', writtenBytes: 0, totalBytes: 0 });
    try {
      const saved = await host.invoke('order.export', {
        design: props.design,
        customer: props.customer,
        send: props.send,
        ...(inBrowser ? { folder: folder.trim() } : {}),
      });
      setSaving(saved ? { state: 'saved', ...saved } : { state: 'idle' });
      if (saved) props.onSaved(saved);
    } catch (error) {
      setSaving(failureOf(error));
    }
  };

  return (
    <fieldset className="medium-export" data-testid="medium-export">
      <legend>{t('checkout.medium.legend')}</legend>
      <p className="note">{t('checkout.medium.hint')}</p>
      {inBrowser && (
        <label>
          {t('checkout.medium.folder')}
          <input
            name="medium-folder"
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('checkout.medium.folderExample')}
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
          />
        </label>
      )}
      <button type="button" disabled={!canSave} onClick={() => void save()}>
        {t('checkout.medium.save')}
      </button>
      {props.customer === undefined && <p className="note">{t('checkout.medium.needsDetails')}</p>}
      {saving.state === 'writing' && (
        <p role="status">
          <progress
            max={Math.max(saving.totalBytes, 1)}
            value={saving.writtenBytes}
            aria-label={t('checkout.medium.writing')}
          />{' '}
          {t('checkout.medium.progress', {
            written: formatBytes(locale, saving.writtenBytes),
            total: formatBytes(locale, saving.totalBytes),
          })}
        </p>
      )}
      {saving.state === 'failed' && (
        <div role="alert">
          <p>{t(saving.reason)}</p>
          <details>
            <summary>{t('order.failedDetails')}</summary>
            <code>{saving.detail}</code>
          </details>
        </div>
      )}
    </fieldset>
  );
}
