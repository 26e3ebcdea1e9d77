/**
 * SPEC §6 `SERVER SSH AUTH=`: the forms the manual accepts (issue 12 item 8). `|` means either
 * method will do, `&` that a login needs both (in either order); the order typed is kept for
 * SHOW SERVER and means nothing else. Pure: parsing and what each form asks of a login.
 */

export const SSH_AUTH_FORMS = ['PW', 'KEY', 'PW|KEY', 'KEY|PW', 'PW&KEY', 'KEY&PW'] as const;
export type SshAuthForm = (typeof SSH_AUTH_FORMS)[number];

/** What a form asks of an SSH login. */
export interface SshAuthRule {
  readonly password: boolean;
  readonly publicKey: boolean;
  /** Both methods must succeed, one after the other, for the same user. */
  readonly bothRequired: boolean;
}

/** Exact forms only, any case: `PW` must not abbreviate `PW|KEY`. Null when not a form. */
export function parseSshAuthForm(text: string): SshAuthForm | null {
  const upper = text.toUpperCase();
  return (SSH_AUTH_FORMS as readonly string[]).includes(upper) ? upper as SshAuthForm : null;
}

export function sshAuthRule(form: SshAuthForm): SshAuthRule {
  return {
    password: form !== 'KEY',
    publicKey: form !== 'PW',
    bothRequired: form.includes('&'),
  };
}
