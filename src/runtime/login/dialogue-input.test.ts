import { describe, expect, it } from 'vitest';
import { AnswerInput, ChoiceInput, ENTER_AFTER_KEY_MS } from './dialogue-input.js';

const b = (text: string): Buffer => Buffer.from(text, 'latin1');
const text = (buf: Buffer): string => buf.toString('latin1');

describe('ChoiceInput: the E/N/S/D key (SPEC §9)', () => {
  it('takes the key in either case and hands on what follows, minus the Enter', () => {
    const input = new ChoiceInput();
    input.reset(['E', 'N', 'D']);
    const result = input.scan(b('n\r\nls'));
    expect(result.choice).toBe('N');
    expect(text(result.rest)).toBe('ls');
  });

  it('repeats the question for a key not offered', () => {
    const input = new ChoiceInput();
    input.reset(['E', 'N', 'D']);
    expect(input.scan(b('s'))).toMatchObject({ choice: null, repeat: true });
  });

  it('swallows the Enter that arrives in the next packet, soon after the key', () => {
    const input = new ChoiceInput();
    input.reset(['E', 'N', 'D']);
    expect(input.scan(b('E')).choice).toBe('E');
    expect(text(input.afterAnswer(b('\rdate\r'), 40))).toBe('date\r');
    expect(text(input.afterAnswer(b('\r'), 50))).toBe('\r'); // only the first one
  });

  it('lets a later Enter through: it is a keystroke of its own', () => {
    const input = new ChoiceInput();
    input.reset(['E', 'N', 'S', 'D']);
    expect(input.scan(b('S')).choice).toBe('S');
    expect(text(input.afterAnswer(b('\r'), ENTER_AFTER_KEY_MS + 1))).toBe('\r');
  });
});

describe("AnswerInput: the SO's Y/N in the middle of a device session", () => {
  it('passes bytes before the key to the device and answers with the key', () => {
    const input = new AnswerInput();
    input.asked(7);
    const scan = input.scan(b('ls -l\ry\r\nuptime'), 0);
    expect(text(scan.before)).toBe('ls -l\r');
    expect(scan.allow).toBe(true);
    expect(text(scan.rest)).toBe('uptime');
  });

  it('N refuses; other keys are not swallowed', () => {
    const input = new AnswerInput();
    input.asked(7);
    expect(input.scan(b('abcN'), 0)).toMatchObject({ allow: false });
    expect(text(input.scan(b('abc'), 0).before)).toBe('abc');
  });

  it('swallows an Enter in the next packet soon after, even once no query is open', () => {
    const input = new AnswerInput();
    input.asked(7);
    expect(input.scan(b('y'), 1000).allow).toBe(true);
    input.answered();
    expect(input.open).toBe(false);
    expect(text(input.afterAnswer(b('\r\nhello'), 1100))).toBe('hello');
    expect(text(input.afterAnswer(b('\r'), 1200))).toBe('\r');
  });

  it('lets an Enter through when it comes long after the key', () => {
    const input = new AnswerInput();
    input.asked(7);
    input.scan(b('n'), 0);
    expect(text(input.afterAnswer(b('\r'), ENTER_AFTER_KEY_MS + 1))).toBe('\r');
  });

  it('forgets a withdrawn query', () => {
    const input = new AnswerInput();
    input.asked(7);
    input.asked(8);
    input.withdrawn(7);
    input.answered();
    expect(input.open).toBe(false);
  });
});
