import { createContext, useContext } from 'react';
import type { HostClient } from './host';

export const HostContext = createContext<HostClient | null>(null);

export function useHost(): HostClient {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost outside HostContext');
  return host;
}
