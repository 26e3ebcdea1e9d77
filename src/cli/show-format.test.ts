import { describe, expect, it } from 'vitest';
import { formatMinutes, formatPortList, renderFields, renderTable } from './show-format.js';

describe('show-format', () => {
  it('pads table columns to the widest cell and trims line ends', () => {
    expect(renderTable(['Port', 'Name'], [['1', 'router1'], ['10', '']])).toEqual([
      'Port  Name',
      '1     router1',
      '10',
    ]);
  });

  it('aligns field values', () => {
    expect(renderFields([['Name', 'jdoe'], ['Access', 'PALL']])).toEqual(['Name:   jdoe', 'Access: PALL']);
  });

  it('collapses runs of ports into ranges', () => {
    expect(formatPortList([1, 2, 3, 5, 7, 8])).toBe('1-3,5,7-8');
    expect(formatPortList([])).toBe('-');
  });

  it('spells out a zero time-out', () => {
    expect(formatMinutes(0, 'never')).toBe('never');
    expect(formatMinutes(15, 'never')).toBe('15 min');
  });
});
