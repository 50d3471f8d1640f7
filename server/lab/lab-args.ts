import { readFile } from 'node:fs/promises';
import { checkOrdersDir, defaultOrdersDir } from './orders-dir';
import { serverStatusReporter, type StatusReporter } from './status-report';

/** Options every after-production command takes: the orders folder and, optionally, the server. */
export const commonOptions = {
  orders: { type: 'string' },
  server: { type: 'string' },
  'lab-token': { type: 'string' },
  'lab-token-file': { type: 'string' },
  help: { type: 'boolean' },
} as const;

export const commonHelp = `  --orders DIR        the orders folder (default ~/photodose-lab-orders)
  --server URL        receiving server to tell the customer's status lookup
                      (default $PHOTODOSE_RECEIVER_URL; without one the state is
                      told by the next 'lab pull')
  --lab-token TOKEN   lab credential (default $PHOTODOSE_LAB_TOKEN)
  --lab-token-file F  read the lab credential from a file`;

export interface CommonValues {
  orders?: string;
  server?: string;
  'lab-token'?: string;
  'lab-token-file'?: string;
}

/** The orders folder named (or the default), refused inside a git work tree. */
export function ordersDirOf(values: CommonValues): Promise<string> {
  return checkOrdersDir(values.orders ?? defaultOrdersDir());
}

/** The status reporter when a server and a credential are given, else none. */
export async function reporterOf(values: CommonValues): Promise<StatusReporter | undefined> {
  const serverUrl = values.server ?? process.env.PHOTODOSE_RECEIVER_URL;
  const labToken =
    values['lab-token'] ??
    (values['lab-token-file']
      ? (await readFile(values['lab-token-file'], 'utf8')).trim()
      : undefined) ??
    process.env.PHOTODOSE_LAB_TOKEN;
  return serverUrl && labToken ? serverStatusReporter({ serverUrl, labToken }) : undefined;
}
