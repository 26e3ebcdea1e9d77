/**
 * What every service method takes and returns. Inputs are plain typed data plus the `Actor`
 * making the change; results are data: `{ ok: true, ... }` or a `Refusal` carrying an error
 * from the one catalogue (domain/errors.ts) and, when one input is to blame, its `field`
 * (the CLI underlines the token that set it; the API names it in its 422 body).
 */
import { cliError, type CliError, type CliErrorName } from '../domain/errors.js';
import type { Level } from '../domain/levels.js';
import type { Right } from '../domain/rights.js';

/** Where a caller came from, for the audit (SPEC issue 5: who, when, what, from where). */
export interface ActorClient {
  /** `ssh`, `telnet`, `console` (the control socket), `http`... */
  readonly method: string;
  /** Client IP address; '' for the control socket. */
  readonly address: string;
}

/**
 * Who is asking. Rights and level are those the user holds now (read from the store for every
 * request: `Services.actor`). The CLI's per-line context is one (it has these members).
 */
export interface Actor {
  readonly user: string;
  readonly level: Level;
  hasRight(right: Right): boolean;
  readonly client: ActorClient;
}

/** The control socket acts as the appliance's serial console: every right, every port (SPEC §9). */
export function isConsole(actor: Actor): boolean {
  return actor.client.method === 'console';
}

export interface Refusal {
  readonly ok: false;
  readonly error: CliError;
  /** The input field to blame (`name`, `password`, `baud`, `ports`, ...); absent: the request. */
  readonly field?: string;
  /** The request clashes with what exists (a taken name): the API answers 409. */
  readonly conflict?: boolean;
}

/** A service result: success with its data, or a refusal. */
export type Outcome<T extends object = object> = ({ readonly ok: true } & T) | Refusal;

export function refuse(name: CliErrorName, detail?: string, field?: string): Refusal {
  const error = cliError(name, detail);
  return field === undefined ? { ok: false, error } : { ok: false, error, field };
}

export const done: { readonly ok: true } = { ok: true };

/** A list edit as SPEC §3 lists take them (`=list`, `=+list`, `=-list`). */
export interface ListChange {
  readonly op: 'set' | 'add' | 'remove';
  /** The list as typed: `P1-4,SMON`, `lab,core`, or one OpenSSH key line. */
  readonly list: string;
}
