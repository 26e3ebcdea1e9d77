import { describe, expect, it } from 'vitest';
import { maskSecrets } from './mask-secrets.js';

describe('maskSecrets: refused lines are echoed without their passwords', () => {
  it('masks a PASSWORD= value with stars of the same length', () => {
    expect(maskSecrets('USER ADD bob PASSWORD=hunter22 ACCESS=PALL')).toBe('USER ADD bob PASSWORD=******** ACCESS=PALL');
  });

  it('masks abbreviated and lower-case keys and quoted values', () => {
    expect(maskSecrets('user set bob pas="a b c"')).toBe('user set bob pas=*******');
  });

  it('masks a PASSWORD= that quotes hid inside another token, to the end of that token', () => {
    expect(maskSecrets('USER SET bob NAME=" PASSWORD=hunter22 x')).toBe('USER SET bob NAME=" PASSWORD=**********');
    expect(maskSecrets('" pass=hunter22')).toBe('" pass=********');
    expect(maskSecrets('" PASSWORD="hunter22 x"')).toBe('" PASSWORD=********* x"');
  });

  it('leaves other parameters and lines alone', () => {
    expect(maskSecrets('PORT 1 SET NAME=pass')).toBe('PORT 1 SET NAME=pass');
    expect(maskSecrets('USER ADD bob PA=xyz')).toBe('USER ADD bob PA=xyz');
  });
});
