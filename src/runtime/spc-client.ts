/**
 * ccmd's SPC client (issue 12): drives the power strip on a TD=SPC port over the port's own byte
 * stream, exactly as a person typing to it would (so it works with the simulated strip and with
 * a strip, or scripts/power-strip-sim.mjs, on the far end of a real tty). One request at a time
 * per port: the next waits until the previous one is answered or has timed out.
 *
 * The request goes through the port like any input (it is counted, logged and kept in the port's
 * history with the strip's answer); the answer is read from a temporary attachment to the port's
 * output, decoded by the outlet protocol, and must end with OK or ERR within `replyMs`.
 */
import {
  encodeRequest, OutletReplyDecoder, type OutletAnswer, type OutletRequest, type OutletStatus,
} from '../protocol/outlet-protocol.js';
import type { OutputSink } from './bounded-output.js';
import type { Clock } from './clock.js';
import type { PortAttachment } from './port-runtime.js';

/** Decided: a strip that has not finished its answer in 3 s is not answering. */
export const SPC_REPLY_MS = 3000;

/** What the client needs of a port (PortRuntime has it). */
export interface SpcPort {
  attach(sink: OutputSink): PortAttachment;
  /** False (and nothing sent) while the device is not open. */
  write(data: Buffer): boolean;
}

export class SpcClient {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly port: SpcPort, private readonly clock: Clock, private readonly replyMs = SPC_REPLY_MS) {}

  /** Sends one request and resolves with its answer; never rejects. */
  request(request: OutletRequest): Promise<OutletAnswer> {
    const next = this.queue.then(() => this.exchange(request));
    this.queue = next;
    return next;
  }

  private exchange(request: OutletRequest): Promise<OutletAnswer> {
    return new Promise((resolve) => {
      const decoder = new OutletReplyDecoder();
      const outlets: OutletStatus[] = [];
      let settled = false;
      const finish = (answer: OutletAnswer): void => {
        if (settled) return;
        settled = true;
        this.clock.clearTimeout(timer);
        attachment.detach();
        resolve(answer);
      };
      const sink: OutputSink = {
        write: (chunk) => {
          for (const reply of decoder.push(chunk)) {
            if (reply.kind === 'outlet') outlets.push({ outlet: reply.outlet, state: reply.state });
            else if (reply.kind === 'ok') finish({ ok: true, outlets });
            else finish({ ok: false, problem: 'refused', detail: reply.text });
          }
          return true;
        },
        on: () => undefined,
        off: () => undefined,
      };
      const attachment = this.port.attach(sink);
      const timer = this.clock.setTimeout(() => {
        finish({ ok: false, problem: 'silent', detail: `no answer in ${this.replyMs / 1000} s` });
      }, this.replyMs);
      if (!this.port.write(encodeRequest(request))) finish({ ok: false, problem: 'unavailable', detail: 'device unavailable' });
    });
  }
}
