import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../transports/terminal.js';
import { BoundedOutput, droppedNotice, type OutputSink } from './bounded-output.js';

/** A sink that accepts until `room` runs out, then reports back-pressure until `drain()`. */
class ThrottledSink extends EventEmitter implements OutputSink {
  readonly received: Buffer[] = [];
  constructor(public room: number) { super(); }
  write(data: Buffer): boolean {
    this.received.push(data);
    this.room -= data.length;
    return this.room > 0;
  }
  drain(room: number): void {
    this.room = room;
    this.emit('drain');
  }
  text(): string {
    return Buffer.concat(this.received).toString();
  }
}

const chunk = (s: string): Buffer => Buffer.from(s);

describe('BoundedOutput', () => {
  it('a Terminal is an OutputSink', () => {
    const asSink = (t: Terminal): OutputSink => t;
    expect(asSink).toBeTypeOf('function');
  });

  it('passes chunks straight through, by reference, while the sink accepts', () => {
    const sink = new ThrottledSink(1000);
    const out = new BoundedOutput(sink, { limitBytes: 10 });
    const a = chunk('abc');
    out.write(a);
    expect(sink.received[0]).toBe(a);
    expect(out.queuedBytes).toBe(0);
  });

  it('queues by reference while back-pressured and sends in order on drain', () => {
    const sink = new ThrottledSink(3);
    const out = new BoundedOutput(sink, { limitBytes: 10 });
    out.write(chunk('abc'));
    const queued = chunk('def');
    out.write(queued);
    out.write(chunk('gh'));
    expect(out.queuedBytes).toBe(5);
    expect(sink.text()).toBe('abc');
    sink.drain(100);
    expect(sink.text()).toBe('abcdefgh');
    expect(sink.received[1]).toBe(queued);
    expect(out.queuedBytes).toBe(0);
    expect(out.backPressured).toBe(false);
  });

  it('drops chunks beyond the bound, counts them, and tells the client once drained', () => {
    const sink = new ThrottledSink(1);
    const dropped: number[] = [];
    const out = new BoundedOutput(sink, { limitBytes: 6, onDropped: (n) => dropped.push(n) });
    out.write(chunk('X'));
    out.write(chunk('1234'));
    out.write(chunk('5678'));
    out.write(chunk('90'));
    out.write(chunk('abc'));
    expect(out.queuedBytes).toBe(6);
    expect(out.droppedBytes).toBe(7);
    expect(dropped).toEqual([4, 3]);
    sink.drain(100);
    expect(sink.text()).toBe(`X123490${droppedNotice(7)}`);
    expect(sink.text()).toContain('[ccmd] 7 bytes of port output dropped (client too slow)');
  });

  it('tells the client only after the whole queue went out', () => {
    const sink = new ThrottledSink(1);
    const out = new BoundedOutput(sink, { limitBytes: 4 });
    out.write(chunk('X'));
    out.write(chunk('ab'));
    out.write(chunk('cd'));
    out.write(chunk('efg'));
    sink.drain(2);
    expect(sink.text()).toBe('Xab');
    sink.drain(100);
    expect(sink.text()).toBe(`Xabcd${droppedNotice(3)}`);
  });

  it('counts drops again after a notice, from zero', () => {
    const sink = new ThrottledSink(1);
    const out = new BoundedOutput(sink, { limitBytes: 1, notice: (n) => `<${n}>` });
    out.write(chunk('X'));
    out.write(chunk('yy'));
    sink.drain(1);
    out.write(chunk('zzz'));
    sink.drain(100);
    expect(sink.text()).toBe('X<2><3>');
    expect(out.droppedBytes).toBe(5);
  });

  it('says how many of the dropped bytes the history still holds, by their offsets in the port output', () => {
    const sink = new ThrottledSink(1);
    const port = { position: 0, heldFrom: 0 };
    const out = new BoundedOutput(sink, {
      limitBytes: 4, notice: (n, held) => `<${n} dropped, ${held} held>`,
      stream: { position: () => port.position, heldFrom: () => port.heldFrom },
    });
    const write = (text: string): void => { port.position += text.length; out.write(chunk(text)); };
    write('X'); // taken, then back-pressured
    write('abcd'); // queued (offsets 1-5)
    write('efg'); // dropped: 5-8
    write('hi'); // dropped: 8-10, joins the range before
    write('jklm'); // dropped: 10-14
    port.heldFrom = 7; // the history has let go of 'ef'
    sink.drain(100);
    expect(sink.text()).toBe('Xabcd<9 dropped, 7 held>');
    // A later streak is counted on its own, and nothing held when the history was cleared.
    sink.room = 1;
    write('n');
    write('opqrst');
    port.heldFrom = port.position;
    sink.drain(100);
    expect(sink.text()).toBe('Xabcd<9 dropped, 7 held>n<6 dropped, 0 held>');
  });

  it('keeps every chunk in order when a slow client never quite empties its queue', () => {
    const sink = new ThrottledSink(1);
    const out = new BoundedOutput(sink, { limitBytes: 1 << 20 });
    const sent: string[] = ['X'];
    out.write(chunk('X'));
    // A backlog of 50 chunks, then one in and one out per drain for thousands of drains.
    for (let i = 0; i < 3000; i++) {
      for (let k = 0; k < (i < 100 && i % 2 === 0 ? 2 : 1); k++) {
        const text = `<${i}.${k}>`;
        out.write(chunk(text));
        sent.push(text);
      }
      sink.drain(1);
    }
    expect(out.queuedBytes).toBeGreaterThan(0);
    sink.drain(1 << 30);
    expect(sink.text()).toBe(sent.join(''));
    expect(out.queuedBytes).toBe(0);
  });

  it('after close it writes nothing and stops listening for drain', () => {
    const sink = new ThrottledSink(1);
    const out = new BoundedOutput(sink, { limitBytes: 10 });
    out.write(chunk('X'));
    out.write(chunk('queued'));
    out.close();
    out.write(chunk('late'));
    expect(sink.listenerCount('drain')).toBe(0);
    sink.drain(100);
    expect(sink.text()).toBe('X');
    expect(out.queuedBytes).toBe(0);
  });
});
