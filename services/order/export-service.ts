import { isAbsolute } from 'node:path';
import { HostError, type HostServices } from '../../src/contract/host';
import type { EventHub } from '../host/events';
import { exportOrderPackage, type ExportDeps } from './export-package';

export interface OrderExportOptions extends Omit<ExportDeps, 'onProgress'> {
  transport: 'electron' | 'loopback';
  events: EventHub;
  /** The desktop app's folder dialog; resolves undefined when the customer cancels. */
  pickFolder?: () => Promise<string | undefined>;
}

/**
 * `order.export`: the order written to a medium. The desktop app asks for the folder with its
 * dialog; a browser has no folder paths of its own, so its page names a folder on the host's
 * computer (the browser build runs its host on the customer's own machine). One export at a
 * time: two would compete for the same stick.
 */
export function createOrderExport(options: OrderExportOptions): Pick<HostServices, 'order.export'> {
  let running = false;
  return {
    'order.export': async ({ design, customer, send, folder }) => {
      if (running) throw new HostError('host-busy', 'order.export: an order is being written');
      let dir = folder;
      if (dir === undefined) {
        if (options.transport === 'loopback' || !options.pickFolder) {
          throw new HostError('invalid-request', 'order.export: name the folder to write to');
        }
        dir = await options.pickFolder();
        if (dir === undefined) return null;
      }
      if (!isAbsolute(dir)) {
        throw new HostError('invalid-request', 'order.export: the folder must be a full path');
      }
      running = true;
      try {
        const { events, transport: _t, pickFolder: _p, ...deps } = options;
        return await exportOrderPackage(
          design,
          customer,
          dir,
          { ...deps, onProgress: (progress) => events.emit('order.exportProgress', progress) },
          send,
        );
      } finally {
        running = false;
      }
    },
  };
}
