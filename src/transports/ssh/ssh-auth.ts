/**
 * SSH user authentication for one connection: password, keyboard-interactive and public key
 * (SPEC §2), credentials checked by the injected `Authenticator`, the SSH user name read as a
 * login name (SPEC §2 grammar). Every request is answered: accepted once, rejected otherwise.
 * Before credentials are checked the gate is asked for a place (SPEC §9 CLI cap); a login it
 * turns away is rejected unchecked and the connection is ended.
 */
import ssh2 from 'ssh2';
import type { AuthContext, AuthenticationType, KeyboardAuthContext, ParsedKey, PublicKeyAuthContext } from 'ssh2';
import type { AuthOutcome, Authenticator, LoginGate, LoginReservation, LoginTarget } from '../auth.js';
import type { ClientInfo } from '../terminal.js';

/** The login-name grammar's answer (SPEC §2), e.g. `jdoe:router1:E` → user jdoe, port router1, exclusive. */
export type ParsedLoginName =
  | {
      readonly ok: true;
      readonly user: string;
      /** Port number or name; null when the name asks for none. */
      readonly port: number | string | null;
      readonly exclusive: boolean;
    }
  | { readonly ok: false; readonly error: string };

/** Parses a login name; never throws (bad input is an `ok: false` answer). */
export type LoginNameParser = (name: string) => ParsedLoginName;

/** Who got in, and what they asked for. */
export interface AcceptedLogin {
  readonly user: string;
  readonly target: LoginTarget;
}

export interface SshAuthDeps {
  readonly authenticator: Authenticator;
  readonly parseLoginName: LoginNameParser;
  /** A port socket's port (SPEC §2): used when the login name names no port. */
  readonly fixedPort: number | undefined;
  readonly client: ClientInfo;
  /** Admission before credentials are checked; none means every login is checked. */
  readonly gate?: LoginGate;
}

/** What the connection hears from its authentication. */
export interface SshAuthEvents {
  /** Runs once, right before the request is accepted, with the parsed login. */
  readonly accepted: (login: AcceptedLogin) => void;
  /** Reports each refused attempt (for logging); never sees a password. */
  readonly refused?: (user: string, method: string, reason: string) => void;
  /** The gate had no place: the request was rejected unchecked; the connection should end. */
  readonly turnedAway?: () => void;
}

/** The two kinds of credential SERVER SSH AUTH= speaks of (keyboard-interactive is a password). */
type Factor = 'password' | 'publickey';

function factorOf(method: AuthenticationType): Factor {
  return method === 'publickey' ? 'publickey' : 'password';
}

/** What a login holds when there is no gate. */
const UNGATED: LoginReservation = { release: () => undefined, commit: () => undefined };

/**
 * Answers the authentication requests of one SSH connection, and holds the gate's places for
 * them: one per check in progress, then the accepted login's until `loginStarted` or `end`.
 */
export class SshAuthentication {
  /** Public-key answers by `algo:key`, so the query and the signed request count as one check. */
  private readonly keyOutcomes = new Map<string, Promise<AuthOutcome>>();
  /** Places held now: checks in progress and the accepted login's. */
  private readonly places = new Set<LoginReservation>();
  private acceptedPlace: LoginReservation | undefined;
  /**
   * AUTH=PW&KEY / KEY&PW (issue 12): the first method that succeeded, and for whom. The second
   * must be the other method for the same user; until then the first is a partial success.
   */
  private firstFactor: { readonly user: string; readonly factor: Factor } | null = null;

  constructor(
    private readonly deps: SshAuthDeps,
    private readonly events: SshAuthEvents,
  ) {}

  /** The `authentication` event handler. */
  handle(ctx: AuthContext): void {
    this.decide(ctx).catch(() => ctx.reject(this.allowedMethods()));
  }

  /** The accepted login is handed to the runtime now: its place becomes the login's. */
  loginStarted(): void {
    this.acceptedPlace?.commit();
    if (this.acceptedPlace !== undefined) this.places.delete(this.acceptedPlace);
    this.acceptedPlace = undefined;
  }

  /** The connection ended, or will not become a login: every place it holds is given back. */
  end(): void {
    for (const place of this.places) place.release();
    this.places.clear();
    this.acceptedPlace = undefined;
  }

  private allowedMethods(): AuthenticationType[] {
    const offered = this.deps.authenticator.sshMethods();
    if (!offered.enabled) return [];
    const done = offered.bothRequired === true ? this.firstFactor?.factor : undefined;
    const methods: AuthenticationType[] = [];
    if (offered.publicKey && done !== 'publickey') methods.push('publickey');
    if (offered.password && done !== 'password') methods.push('password', 'keyboard-interactive');
    return methods;
  }

  /**
   * AUTH=PW&KEY: true when this success is only the first of the two methods (the client is told
   * "partial success" and asked for the other); a second success for another user starts over.
   */
  private needsSecondFactor(user: string, method: AuthenticationType): boolean {
    if (this.deps.authenticator.sshMethods().bothRequired !== true) return false;
    const factor = factorOf(method);
    const first = this.firstFactor;
    if (first !== null && first.user === user && first.factor !== factor) return false;
    this.firstFactor = { user, factor };
    return true;
  }

  private async decide(ctx: AuthContext): Promise<void> {
    const allowed = this.allowedMethods();
    const method = ctx.method as AuthenticationType;
    if (!allowed.includes(method)) {
      ctx.reject(allowed);
      return;
    }
    const parsed = this.deps.parseLoginName(ctx.username);
    if (!parsed.ok) {
      this.events.refused?.(ctx.username, method, `bad login name: ${parsed.error}`);
      ctx.reject(allowed);
      return;
    }
    const target: LoginTarget = { port: parsed.port ?? this.deps.fixedPort ?? null, exclusive: parsed.exclusive };
    const place = this.deps.gate === undefined ? UNGATED : this.deps.gate.tryReserve(target);
    if (place === null) {
      this.events.refused?.(parsed.user, method, 'too many logins');
      ctx.reject(allowed);
      this.events.turnedAway?.();
      return;
    }
    this.places.add(place);
    const outcome = await this.check(ctx, parsed.user).catch((error: unknown) => {
      this.giveBack(place);
      throw error;
    });
    if (outcome === 'pending' || !outcome.ok) this.giveBack(place);
    if (outcome === 'pending') return;
    if (!outcome.ok) {
      this.events.refused?.(parsed.user, method, outcome.reason);
      ctx.reject(allowed);
      return;
    }
    if (this.needsSecondFactor(outcome.user, method)) {
      this.giveBack(place);
      ctx.reject(this.allowedMethods(), true);
      return;
    }
    this.acceptedPlace = place;
    this.events.accepted({ user: outcome.user, target });
    ctx.accept();
  }

  private giveBack(place: LoginReservation): void {
    place.release();
    this.places.delete(place);
  }

  /** 'pending' means the request was answered already (a public-key query). */
  private async check(ctx: AuthContext, user: string): Promise<AuthOutcome | 'pending'> {
    const { authenticator, client } = this.deps;
    switch (ctx.method) {
      case 'password':
        return authenticator.checkPassword(user, ctx.password, client);
      case 'keyboard-interactive': {
        const password = await askPassword(ctx);
        // An abandoned prompt is no login attempt: it must not count toward the lockout.
        if (password === null) return { ok: false, reason: 'bad-credentials' };
        return authenticator.checkPassword(user, password, client);
      }
      case 'publickey':
        return this.checkKey(ctx, user);
      default:
        return { ok: false, reason: 'method-disabled' };
    }
  }

  private async checkKey(ctx: PublicKeyAuthContext, user: string): Promise<AuthOutcome | 'pending'> {
    const cacheKey = `${user}\0${ctx.key.algo}\0${ctx.key.data.toString('base64')}`;
    let outcome = this.keyOutcomes.get(cacheKey);
    if (outcome === undefined) {
      outcome = this.deps.authenticator.checkPublicKey(user, ctx.key.algo, ctx.key.data, this.deps.client);
      this.keyOutcomes.set(cacheKey, outcome);
    }
    const answer = await outcome;
    if (ctx.signature === undefined || ctx.blob === undefined) {
      // The client only asks whether this key would do; accept() sends PK_OK, no login yet.
      if (answer.ok) ctx.accept();
      else ctx.reject(this.allowedMethods());
      return 'pending';
    }
    if (!answer.ok) return answer;
    return verifiesSignature(ctx) ? answer : { ok: false, reason: 'bad-credentials' };
  }
}

/** SPEC §2: keyboard-interactive asks one question, `Password: `, not echoed. */
function askPassword(ctx: KeyboardAuthContext): Promise<string | null> {
  return new Promise((resolve) => {
    ctx.prompt([{ prompt: 'Password: ', echo: false }], (answers: unknown) => {
      // ssh2 passes an Error instead of answers when the client aborts the request.
      const first = Array.isArray(answers) ? (answers[0] as unknown) : undefined;
      resolve(typeof first === 'string' ? first : null);
    });
  });
}

/** As in the ssh2 README server example: parse the offered key and verify its signature. */
function verifiesSignature(ctx: PublicKeyAuthContext): boolean {
  const parsed = ssh2.utils.parseKey(ctx.key.data);
  const key = Array.isArray(parsed) ? (parsed as unknown[])[0] : parsed;
  if (key === undefined || key instanceof Error) return false;
  return (key as ParsedKey).verify(ctx.blob as Buffer, ctx.signature as Buffer, ctx.hashAlgo) === true;
}
