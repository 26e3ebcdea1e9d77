/**
 * A new password typed twice at questions (USER ADD at a login, `ccmd user add` at a terminal):
 * one rule for both, so the answers and the reasons are the same wherever it is typed.
 */
export type TypedPassword = { readonly ok: true; readonly password: string } | { readonly ok: false; readonly why: string };

/** The two questions, as the appliance CLI's USER ADD and `ccmd user add` ask them. */
export function passwordQuestions(name: string): readonly [first: string, again: string] {
  return [`Password for ${name}: `, 'Password again: '];
}

/** The two answers (null: the question was cancelled or never answered). */
export function typedTwice(first: string | null, again: string | null): TypedPassword {
  if (first === null || first === '' || again === null) return { ok: false, why: 'no password typed' };
  return first === again ? { ok: true, password: first } : { ok: false, why: 'the two passwords typed differ' };
}
