// Bench clients: a raw-TCP Telnet client (no negotiation replies; the daemon does not wait for
// any) and an ssh2 Client, both logged in with the SPEC §2 name grammar (`Admin:3` goes straight
// to port 3). After login they count bytes without keeping them, so that a client at 50 MB/s
// costs little more than the socket reads.
import { constants, openSync } from 'node:fs';
import { connect } from 'node:net';
import tty from 'node:tty';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** Kept text while logging in (prompts, notices), bounded. */
const TEXT_LIMIT = 16 * 1024;
const CHOICE = /in use by .*\?/;
const CONNECTED = /Connection complete: port \d+/;

/** Common to both clients: text-matching during login, byte counting afterwards. */
class Transcript {
  text = '';
  bytes = 0;
  waiters = [];
  onData(chunk) {
    this.bytes += chunk.length;
    if (this.text !== null) {
      this.text = (this.text + chunk.toString('latin1')).slice(-TEXT_LIMIT);
      for (const w of [...this.waiters]) if (w.pattern.test(this.text)) w.done();
    }
    this.listener?.(chunk);
  }
  expect(pattern, ms, what = String(pattern)) {
    if (pattern.test(this.text)) return Promise.resolve(this.text);
    return new Promise((res, rej) => {
      const w = {
        pattern,
        done: () => { clearTimeout(timer); this.waiters.splice(this.waiters.indexOf(w), 1); res(this.text); },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        rej(new Error(`no ${what} within ${ms} ms; got ${JSON.stringify(this.text.slice(-300))}`));
      }, ms);
      this.waiters.push(w);
    });
  }
  /** Stops keeping text; only `bytes` counts from now on. */
  countOnly() {
    this.text = null;
  }
}

export class TelnetClient extends Transcript {
  constructor(socket) {
    super();
    this.socket = socket;
    this.closed = new Promise((r) => socket.once('close', r));
    socket.on('data', (c) => this.onData(c));
    socket.on('error', () => undefined);
  }

  static open(port, timeoutMs = 5000) {
    return new Promise((res, rej) => {
      const socket = connect({ host: '127.0.0.1', port, noDelay: true });
      const timer = setTimeout(() => { socket.destroy(); rej(new Error('telnet connect timed out')); }, timeoutMs);
      socket.once('connect', () => { clearTimeout(timer); res(new TelnetClient(socket)); });
      socket.once('error', (e) => { clearTimeout(timer); rej(e); });
    });
  }

  send(data) {
    this.socket.write(data);
  }

  /** Username/Password dialogue (SPEC §2, §9); resolves when the password line is sent. */
  async answerLogin(name, password, ms) {
    await this.expect(/Username: $/, ms, 'Username prompt');
    this.send(`${name}\r\n`);
    await this.expect(/Password: $/, ms, 'Password prompt');
    this.send(`${password}\r\n`);
  }

  /** Logs in straight to a port, sharing it (S) when someone is there already (share AUTO). */
  async loginToPort(name, password, ms = 15_000) {
    await this.answerLogin(name, password, ms);
    await this.expect(new RegExp(`${CONNECTED.source}|${CHOICE.source}`), ms, 'connection or choice');
    if (!CONNECTED.test(this.text)) {
      this.send('s');
      await this.expect(CONNECTED, ms, 'Connection complete');
    }
  }

  close() {
    this.socket.destroy();
  }
}

export class SshBenchClient extends Transcript {
  constructor(conn, channel) {
    super();
    this.conn = conn;
    this.channel = channel;
    channel.on('data', (c) => this.onData(c));
    channel.on('error', () => undefined);
  }

  /** Connects with ssh2's Client as `name`, opens a shell (with a pty) and waits for the port. */
  static open(port, name, password, ms = 15_000) {
    const { Client } = require('ssh2');
    return new Promise((res, rej) => {
      const conn = new Client();
      const timer = setTimeout(() => { conn.end(); rej(new Error('ssh login timed out')); }, ms);
      conn.on('error', (e) => { clearTimeout(timer); rej(e); });
      conn.on('ready', () => {
        conn.shell({ term: 'vt100', cols: 80, rows: 24 }, (err, channel) => {
          if (err) { clearTimeout(timer); rej(err); return; }
          const client = new SshBenchClient(conn, channel);
          client.joinPort(ms).then(
            () => { clearTimeout(timer); res(client); },
            (e) => { clearTimeout(timer); conn.end(); rej(e); },
          );
        });
      });
      conn.connect({ host: '127.0.0.1', port, username: name, password, readyTimeout: ms });
      // ssh2 keeps Nagle on by default; the bench measures the daemon, not client-side batching.
      conn.on('connect', () => conn._sock?.setNoDelay?.(true));
    });
  }

  send(data) {
    this.channel.write(data);
  }

  async joinPort(ms) {
    await this.expect(new RegExp(`${CONNECTED.source}|${CHOICE.source}`), ms, 'connection or choice');
    if (!CONNECTED.test(this.text)) {
      this.send('s');
      await this.expect(CONNECTED, ms, 'Connection complete');
    }
  }

  close() {
    this.conn.end();
  }
}

/** The ccmd end of a pty pair opened directly: the floor under every round trip through ccmd. */
export class PtyClient extends Transcript {
  constructor(path) {
    super();
    const flags = constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK;
    this.input = new tty.ReadStream(openSync(path, flags));
    this.output = new tty.WriteStream(openSync(path, flags));
    this.output._handle.setBlocking(false);
    this.input.on('data', (c) => this.onData(c));
    this.countOnly();
  }

  send(data) {
    this.output.write(data);
  }

  close() {
    this.input.destroy();
    this.output.destroy();
  }
}

/**
 * Times `count` keystrokes (after `warmup` untimed ones) through `client`: one byte out, wait
 * until one byte came back, next. Resolves with the round trips in microseconds.
 */
export function keystrokeRoundTrips(client, count, warmup = 200, timeoutMs = 30_000) {
  const samples = [];
  const keys = Buffer.from('abcdefghijklmnopqrstuvwxyz');
  return new Promise((res, rej) => {
    let sent = 0;
    let expected = client.bytes;
    let t0 = 0n;
    const timer = setTimeout(() => { client.listener = null; rej(new Error(`keystrokes stalled after ${sent}`)); }, timeoutMs);
    const next = () => {
      if (sent === count + warmup) {
        clearTimeout(timer);
        client.listener = null;
        res(samples);
        return;
      }
      expected += 1;
      t0 = process.hrtime.bigint();
      client.send(keys.subarray(sent % keys.length, (sent % keys.length) + 1));
      sent++;
    };
    client.listener = () => {
      if (client.bytes < expected) return;
      const us = Number(process.hrtime.bigint() - t0) / 1000;
      if (sent > warmup) samples.push(us);
      expected = client.bytes;
      next();
    };
    next();
  });
}
