/**
 * The two single-key dialogues of SPEC §4/§9 as input filters for a login.
 */
import type { Choice } from '../../domain/share.js';
import { KeyAnswerReader } from '../../protocol/key-answer.js';

/** RU's E/N/S/D: any other key repeats the question. */
export class ChoiceInput {
  private reader: KeyAnswerReader<Choice> | null = null;

  reset(options: readonly Choice[]): void {
    this.reader = new KeyAnswerReader<Choice>(options);
  }

  scan(chunk: Buffer): { choice: Choice | null; repeat: boolean } {
    if (this.reader === null) return { choice: null, repeat: false };
    let rest = chunk;
    let repeat = false;
    while (rest.length > 0) {
      const result = this.reader.feed(rest);
      if (result.answer !== null) return { choice: result.answer, repeat: false };
      repeat ||= result.repeat;
      rest = result.rest;
    }
    return { choice: null, repeat };
  }
}

const Y = 0x59, y = 0x79, N = 0x4e, n = 0x6e, CR = 0x0d, LF = 0x0a;

/**
 * The SO's Y/N in the middle of a device session: "their next Y or N answers it, nothing else is
 * swallowed" (issue 4). Bytes before the key go on to the device; a CR/LF right after it is eaten.
 */
export class AnswerInput {
  private swallowNext = false;

  reset(): void {
    this.swallowNext = false;
  }

  scan(chunk: Buffer): { before: Buffer; allow: boolean | null; rest: Buffer } {
    let start = 0;
    if (this.swallowNext) {
      this.swallowNext = false;
      if (chunk[0] === CR || chunk[0] === LF) start = chunk[0] === CR && chunk[1] === LF ? 2 : 1;
    }
    for (let i = start; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte !== Y && byte !== y && byte !== N && byte !== n) continue;
      let after = i + 1;
      if (after === chunk.length) this.swallowNext = true;
      else if (chunk[after] === CR) after += chunk[after + 1] === LF ? 2 : 1;
      else if (chunk[after] === LF) after += 1;
      return { before: chunk.subarray(start, i), allow: byte === Y || byte === y, rest: chunk.subarray(after) };
    }
    return { before: chunk.subarray(start), allow: null, rest: chunk.subarray(chunk.length) };
  }
}
