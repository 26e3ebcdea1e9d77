import { describe, expect, it } from 'vitest';
import { defaultPortName } from '../domain/port-name.js';
import { portNameSchema } from './settings.js';

describe('default port names and the NAME= rule (issue 12 item 10)', () => {
  it('pass it, so they address ports at login like names that were set', () => {
    for (const suffix of ['00-00-00', '12-34-56', 'FF-FF-FF']) {
      for (const n of [1, 16, 48]) expect(portNameSchema.safeParse(defaultPortName(suffix, n)).success).toBe(true);
    }
  });
});
