/**
 * The two single-key dialogues of SPEC §4/§9 as input filters for a login.
 */
import type { ConnectionId } from '../../domain/broker/types.js';
import type { Choice } from '../../domain/share.js';
import { KeyAnswerReader } from '../../protocol/key-answer.js';

/**
 * RU's E/N/S/D: any other key repeats the question. SPEC §9: a CR or LF right after the key is
 * swallowed, also when the Enter arrives in the next packet (`afterAnswer`).
 */
export class ChoiceInput {
  private reader: KeyAnswerReader<Choice> | null = null;

  reset(options: readonly Choice[]): void {
    this.reader = new KeyAnswerReader<Choice>(options);
  }

  /** `rest`: bytes after the answer (minus a swallowed line end), for whatever comes next. */
  scan(chunk: Buffer): { choice: Choice | null; repeat: boolean; rest: Buffer } {
    if (this.reader === null) return { choice: null, repeat: false, rest: chunk.subarray(chunk.length) };
    let rest = chunk;
    let repeat = false;
    while (rest.length > 0) {
      const result = this.reader.feed(rest);
      if (result.answer !== null) return { choice: result.answer, repeat: false, rest: result.rest };
      repeat ||= result.repeat;
      rest = result.rest;
    }
    return { choice: null, repeat, rest };
  }

  /**
   * The first input after an answer: drops the Enter that confirmed the key, if it comes within
   * `ENTER_AFTER_KEY_MS` (`sinceAnswer`); a later Enter is a keystroke of its own.
   */
  afterAnswer(chunk: Buffer, sinceAnswer: number): Buffer {
    if (this.reader === null || !this.reader.swallowing) return chunk;
    if (sinceAnswer > ENTER_AFTER_KEY_MS) {
      this.reader = null;
      return chunk;
    }
    return this.reader.afterAnswer(chunk);
  }
}

/** How long after a single-key answer an Enter still counts as confirming it (SPEC §9). */
export const ENTER_AFTER_KEY_MS = 500;

const Y = 0x59, y = 0x79, N = 0x4e, n = 0x6e, CR = 0x0d, LF = 0x0a;

/**
 * The SO's Y/N in the middle of a device session: "their next Y or N answers it, nothing else is
 * swallowed" (issue 4). Bytes before the key go on to the device; a CR/LF right after it is eaten.
 * It also keeps the queries still open (requesters, oldest first): the broker knows which request
 * an answer settles; the login only needs to know whether to look for a Y or N at all.
 */
export class AnswerInput {
  private readonly waiting: ConnectionId[] = [];
  /** Clock time of an answer whose key ended its chunk: its Enter may come in the next one. */
  private answeredAt: number | null = null;

  /** A query waits for this login's Y or N. */
  get open(): boolean {
    return this.waiting.length > 0;
  }

  asked(requester: ConnectionId): void {
    this.waiting.push(requester);
  }

  /** The query ended some other way (time-out, abandoned). */
  withdrawn(requester: ConnectionId): void {
    const at = this.waiting.indexOf(requester);
    if (at >= 0) this.waiting.splice(at, 1);
  }

  /** A Y or N from `scan` went to the broker: the oldest query is settled. */
  answered(): void {
    this.waiting.shift();
  }

  /**
   * The chunk after an answer whose key ended its chunk: drops a leading CR/LF if it comes within
   * ENTER_AFTER_KEY_MS (SPEC §9), whether or not another query is open.
   */
  afterAnswer(chunk: Buffer, now: number): Buffer {
    if (this.answeredAt === null) return chunk;
    const recent = now - this.answeredAt <= ENTER_AFTER_KEY_MS;
    this.answeredAt = null;
    if (!recent || (chunk[0] !== CR && chunk[0] !== LF)) return chunk;
    return chunk.subarray(chunk[0] === CR && chunk[1] === LF ? 2 : 1);
  }

  scan(chunk: Buffer, now: number): { before: Buffer; allow: boolean | null; rest: Buffer } {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte !== Y && byte !== y && byte !== N && byte !== n) continue;
      let after = i + 1;
      if (after === chunk.length) this.answeredAt = now;
      else if (chunk[after] === CR) after += chunk[after + 1] === LF ? 2 : 1;
      else if (chunk[after] === LF) after += 1;
      return { before: chunk.subarray(0, i), allow: byte === Y || byte === y, rest: chunk.subarray(after) };
    }
    return { before: chunk, allow: null, rest: chunk.subarray(chunk.length) };
  }
}
