import { describe, expect, it } from 'vitest';
import { parseSshAuthForm, sshAuthRule } from './ssh-auth-form.js';

describe('SERVER SSH AUTH= forms (issue 12 item 8)', () => {
  it.each([
    ['PW', 'PW', { password: true, publicKey: false, bothRequired: false }],
    ['key', 'KEY', { password: false, publicKey: true, bothRequired: false }],
    ['pw|key', 'PW|KEY', { password: true, publicKey: true, bothRequired: false }],
    ['KEY|PW', 'KEY|PW', { password: true, publicKey: true, bothRequired: false }],
    ['PW&KEY', 'PW&KEY', { password: true, publicKey: true, bothRequired: true }],
    ['Key&Pw', 'KEY&PW', { password: true, publicKey: true, bothRequired: true }],
  ])('%s is %s: %j', (typed, form, rule) => {
    const parsed = parseSshAuthForm(typed);
    expect(parsed).toBe(form);
    expect(parsed && sshAuthRule(parsed)).toEqual(rule);
  });

  it.each(['P', 'PW|', 'PW+KEY', 'PW|KEY|PW', 'PASSWORD', '', 'PW& KEY'])('%j is not a form', (typed) => {
    expect(parseSshAuthForm(typed)).toBeNull();
  });
});
