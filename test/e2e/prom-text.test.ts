import { describe, expect, it } from 'vitest';
import { parseExposition } from './prom-text.js';

describe('the strict Prometheus text parser used by the metrics tests', () => {
  it('reads families, labels with escapes and special values', () => {
    const e = parseExposition([
      '# HELP a_total Things', '# TYPE a_total counter', 'a_total{x="1",y="q\\"z\\\\"} 3', 'a_total 4.5e1',
      '# TYPE h histogram', 'h_bucket{le="+Inf"} 2', 'h_sum 1.5', 'h_count 2', '# TYPE g gauge', 'g NaN', '',
    ].join('\n'));
    expect(e.value('a_total', { x: '1', y: 'q"z\\' })).toBe(3);
    expect(e.value('a_total')).toBe(45);
    expect(e.value('h_count')).toBe(2);
    expect(e.value('g')).toBeNaN();
  });

  it.each([
    ['an undeclared family', 'b 1\n'],
    ['a bad value', '# TYPE a gauge\na one\n'],
    ['an unquoted label', '# TYPE a gauge\na{x=1} 1\n'],
    ['an unknown type', '# TYPE a thing\n'],
    ['no final newline', '# TYPE a gauge\na 1'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseExposition(text)).toThrow();
  });
});
