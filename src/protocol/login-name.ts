/**
 * The login-name grammar of SPEC §2 (decided):
 *   `jdoe`              the CLI (on a CLI listener) or the socket's port
 *   `jdoe:7`            straight into port 7
 *   `jdoe:router1`      straight into the port named router1
 *   `jdoe E`, `jdoe:E`, `jdoe:7:E`, `jdoe:router1:E`, `jdoe:7 E`   the same, asking for exclusive access
 * The `E` keyword is case-insensitive; the user name is case-sensitive and kept as typed.
 * Never throws: a malformed name is an error result with a text fit to show the user.
 */

export type LoginName =
  | { readonly ok: true; readonly user: string; readonly port: number | string | null; readonly exclusive: boolean }
  | { readonly ok: false; readonly error: string };

/** Longest login name accepted, whole (name, port and keyword). */
export const MAX_LOGIN_NAME = 64;

/** User name characters (decided): letters, digits, `_ . - @`. `:` and spaces are the grammar's. */
const USER_NAME = /^[A-Za-z0-9_.@-]+$/;
/** Same characters as a port NAME= in the config schema. */
const PORT_NAME = /^[A-Za-z0-9_.-]+$/;
const DIGITS = /^[0-9]+$/;

function isExclusiveKeyword(word: string): boolean {
  return word === 'E' || word === 'e';
}

function fail(error: string): LoginName {
  return { ok: false, error };
}

export function parseLoginName(input: string): LoginName {
  // The bound applies to what was typed, blanks included: nothing longer is looked at further.
  if (input.length > MAX_LOGIN_NAME) return fail(`Login name is longer than ${MAX_LOGIN_NAME} characters`);
  const text = input.trim();
  if (text.length === 0) return fail('Login name is empty');
  const words = text.split(/[ \t]+/);
  if (words.length > 2) return fail('Login name has too many parts');
  let exclusive = false;
  if (words.length === 2) {
    if (!isExclusiveKeyword(words[1]!)) return fail(`Unexpected "${words[1]}" after the login name (only E is allowed)`);
    exclusive = true;
  }
  const parts = words[0]!.split(':');
  if (parts.length > 3) return fail('Login name has too many parts');
  const [user, second, third] = parts as [string, string | undefined, string | undefined];
  if (user.length === 0) return fail('User name is empty');
  if (!USER_NAME.test(user)) return fail('User name has characters other than letters, digits, _ . - @');
  let port: number | string | null = null;
  if (second !== undefined) {
    if (second.length === 0) return fail('Port is empty after ":"');
    // Decided: `name:E` is always the exclusive keyword, never a port called E.
    if (third === undefined && isExclusiveKeyword(second)) {
      if (exclusive) return fail('E is given twice');
      return { ok: true, user, port: null, exclusive: true };
    }
    if (DIGITS.test(second)) {
      if (second.length > 5) return fail(`"${second}" is not a port number`);
      port = Number(second);
    } else if (PORT_NAME.test(second)) port = second;
    else return fail(`"${second}" is not a port number or port name`);
  }
  if (third !== undefined) {
    if (!isExclusiveKeyword(third)) return fail(`Unexpected "${third}" after the port (only E is allowed)`);
    if (exclusive) return fail('E is given twice');
    exclusive = true;
  }
  return { ok: true, user, port, exclusive };
}
