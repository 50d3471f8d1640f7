import { useEffect, useState } from 'react';
import type { SendChoice } from '../../src/contract/host';
import type { Design } from '../../src/model/design';
import { formatBytes } from '../../src/i18n/translate';
import { useAppStore } from '../stores/app-store';
import { useHost } from '../host-context';
import { useT } from '../i18n';
import type { Customer } from '../../src/order/customer';
import { MediumExport } from './MediumExport';

/**
 * What the order sends for the photos, and how much that is: print-ready images (the default,
 * the printed part of each photo at print resolution) or the customer's originals. The host
 * knows the originals' size exactly and the print-ready images' only roughly (they are made as
 * they upload), so that figure reads "about".
 */
export function UploadChoice(props: {
  design: Design;
  send: SendChoice;
  onChange: (send: SendChoice) => void;
  /** The customer's details once complete: with them the order can also be saved to a medium. */
  customer?: Customer;
  /** The order was saved to a medium instead of uploaded. */
  onSaved(saved: { orderId: string; dir: string }): void;
}) {
  const t = useT();
  const host = useHost();
  const locale = useAppStore((s) => s.locale);
  const { design } = props;
  // Sizes for the design they were measured for: a changed design shows "working out" again.
  const [measured, setMeasured] = useState<{ design: Design; sizes: Record<SendChoice, number> }>();
  const sizes = measured?.design === design ? measured.sizes : undefined;

  useEffect(() => {
    let current = true;
    host
      .invoke('order.uploadSize', { design })
      .then((result) => current && setMeasured({ design, sizes: result }))
      // Without a figure the choice still works; the order itself reports any real problem.
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [host, design]);

  const size = (send: SendChoice) => {
    if (!sizes) return t('checkout.send.measuring');
    const shown = formatBytes(locale, sizes[send]);
    return send === 'print-ready' ? t('checkout.send.about', { size: shown }) : shown;
  };
  const option = (
    send: SendChoice,
    label: 'checkout.send.printReady' | 'checkout.send.originals',
  ) => (
    <label className="upload-choice-option">
      <input
        type="radio"
        name="send"
        value={send}
        checked={props.send === send}
        onChange={(e) => e.target.checked && props.onChange(send)}
      />
      <span>{t(label)}</span>
      <span className="upload-choice-size" data-testid={`upload-size-${send}`}>
        {size(send)}
      </span>
    </label>
  );
  return (
    <>
      <fieldset className="upload-choice">
        <legend>{t('checkout.send.legend')}</legend>
        {option('print-ready', 'checkout.send.printReady')}
        {option('originals', 'checkout.send.originals')}
      </fieldset>
      {/* The other way to the lab: the same encrypted order on a USB stick or disk. */}
      <MediumExport
        design={design}
        send={props.send}
        customer={props.customer}
        onSaved={props.onSaved}
      />
    </>
  );
}
