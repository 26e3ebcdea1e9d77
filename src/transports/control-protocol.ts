/**
 * The control socket's wire protocol (`<data dir>/ccmd.sock`, mode 0600: whoever can open it is
 * the appliance's owner, like the serial console port of SPEC §2). The client sends one JSON line;
 * `exec` gets one JSON line back, `console` turns the socket into a raw terminal.
 */
export type ControlRequest =
  | { readonly type: 'exec'; readonly line: string; readonly json?: boolean }
  | { readonly type: 'console' }
  /** SPEC §10 API tokens, managed from the host (`ccmd token create|list|revoke`). */
  | { readonly type: 'token'; readonly request: TokenRequest };

export type TokenRequest =
  | { readonly action: 'create'; readonly user: string; readonly ttlSeconds?: number; readonly label?: string }
  | { readonly action: 'list'; readonly user?: string }
  | { readonly action: 'revoke'; readonly id: string };

export interface ExecReply {
  /** 0 success, 1 the command answered with an ERR (SPEC §9 exit status). */
  readonly status: 0 | 1;
  /** The text the CLI printed, lines joined with \n. */
  readonly output: string;
  /** Structured result for `--json` where the command provides one. */
  readonly data?: unknown;
}

/** Longest request line accepted; a longer one is refused, not buffered forever. */
export const MAX_REQUEST_BYTES = 64 * 1024;

export const CONTROL_SOCKET_NAME = 'ccmd.sock';
