import {
  HostError,
  hostRequests,
  parseRequest,
  type HostErrorBody,
  type HostServices,
} from '../../src/contract/host';

export type DispatchOutcome =
  { ok: true; result: unknown } | { ok: false; status: number; error: HostErrorBody };

/** The HTTP status each error code travels with over the loopback transport. */
export const statusOf: Record<HostErrorBody['code'], number> = {
  'invalid-request': 400,
  'unknown-request': 404,
  unauthorized: 401,
  'photo-missing': 409,
  'photo-too-large': 413,
  'host-busy': 503,
  'upload-failed': 502,
  'server-untrusted': 502,
  'export-failed': 507,
  internal: 500,
};

/**
 * The one place where a request from either transport meets the services:
 * validate the payload, run, check the result against the contract, and turn
 * any failure into a coded error. Transports only move bytes.
 */
export async function dispatch(
  services: HostServices,
  name: string,
  rawArgs: unknown,
  log: (line: string) => void = () => {},
): Promise<DispatchOutcome> {
  try {
    const request = parseRequest(name, rawArgs);
    const handler = services[request.name] as (args: unknown) => Promise<unknown>;
    const result = await handler(request.args);
    const checked = hostRequests[request.name].result.safeParse(result);
    if (!checked.success) throw new Error(`${request.name} produced a result outside the contract`);
    return { ok: true, result: checked.data };
  } catch (error) {
    const body = toErrorBody(error);
    // Logs carry the request name and the error, never the arguments: they may hold personal data.
    log(`host request ${name} failed: ${body.code}: ${body.message}`);
    return { ok: false, status: statusOf[body.code], error: body };
  }
}

export function toErrorBody(error: unknown): HostErrorBody {
  if (error instanceof HostError)
    return error.params
      ? { code: error.code, message: error.message, params: error.params }
      : { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}
