import type { InvokeReply } from '../src/contract/transport';
import type { DispatchOutcome } from '../services/host/dispatch';
import { isTrustedSender, type SenderFrame } from './trust';

/** Runs one contract request against the host's services (main binds it to `dispatch`). */
export type HostDispatch = (name: string, args: unknown) => Promise<DispatchOutcome>;

/** What the handler reads of Electron's IpcMainInvokeEvent: only the frame that sent it. */
export interface InvokeEvent {
  readonly senderFrame: SenderFrame | null;
}

const untrustedSender: InvokeReply = {
  ok: false,
  error: { code: 'unauthorized', message: 'untrusted sender' },
};

/**
 * The handler for the one invoke channel (Electron checklist 17): the sender
 * is checked before anything else, so a subframe, a foreign page or a frame
 * that navigated away never reaches the services, not even their validation.
 */
export function createInvokeHandler(
  dispatch: HostDispatch,
  log: (line: string) => void = () => {},
): (event: InvokeEvent, name: unknown, args: unknown) => Promise<InvokeReply> {
  return async (event, name, args) => {
    if (!isTrustedSender(event.senderFrame)) {
      log('refused a host request from an untrusted sender');
      return untrustedSender;
    }
    if (typeof name !== 'string') {
      return {
        ok: false,
        error: { code: 'invalid-request', message: 'request name must be text' },
      };
    }
    const outcome = await dispatch(name, args);
    // The transport status is for HTTP only; IPC replies carry the coded error alone.
    return outcome.ok ? outcome : { ok: false, error: outcome.error };
  };
}
