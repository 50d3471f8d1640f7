import { useEffect, useState } from 'react';
import type { HostClient } from '../../host/client';
import type { LabCheckout } from '../../../src/lab/checkout-config';

/** The lab's terms, shipping and payment (app.info), asked once per host and kept for the session. */
const known = new WeakMap<object, LabCheckout>();

export function useLabCheckout(host: HostClient): LabCheckout | undefined {
  const [checkout, setCheckout] = useState(() => known.get(host));
  useEffect(() => {
    if (known.has(host)) return;
    let current = true;
    host.invoke('app.info', {}).then(
      (info) => {
        known.set(host, info.lab.checkout);
        if (current) setCheckout(info.lab.checkout);
      },
      // The app shows an unreachable host itself (App.tsx); the form waits for it.
      () => {},
    );
    return () => {
      current = false;
    };
  }, [host]);
  return checkout;
}
