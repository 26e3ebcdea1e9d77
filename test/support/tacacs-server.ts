/**
 * A small TACACS+ server for the tests (issue 15: Debian packages none), built on ccmd's codec
 * in src/protocol/tacacs/. It answers ASCII and PAP login and authorization; test/integration/
 * tacacs-perl.test.ts checks it against Debian's Authen::TacacsPlus so this fixture is not just
 * our client agreeing with itself. Fault modes: `silent` (never answers), `slow` (answers after
 * `delayMs`), `garbage` (answers with bytes that decode to nothing).
 */
import { createServer, type Server, type Socket } from 'node:net';
import {
  AuthenStatus, AuthenType, decodeAuthenContinue, decodeAuthenStart, encodeAuthenReply, ReplyFlag,
} from '../../src/protocol/tacacs/tacacs-authen.js';
import {
  AuthorStatus, decodeAuthorRequest, encodeAuthorResponse, parseArg,
} from '../../src/protocol/tacacs/tacacs-author.js';
import {
  encodePacket, MINOR_DEFAULT, PacketReader, PacketType, type Packet, type PacketHeader,
} from '../../src/protocol/tacacs/tacacs-packet.js';

export interface TacacsUser {
  readonly name: string;
  readonly password: string;
  /** Arguments returned by authorization for `service=ccmd` (e.g. `ccmd-access=P1-4,SMON`); null refuses it. */
  readonly args?: readonly string[] | null;
}

export interface TacacsFixture {
  readonly port: number;
  readonly key: string;
  /** What the server saw: `authen <type> <user> <PASS|FAIL>`, `author <user> <service> <status>`. */
  readonly log: string[];
  mode: 'normal' | 'silent' | 'slow' | 'garbage';
  delayMs: number;
  stop(): Promise<void>;
}

interface Conversation {
  start?: { user: string; type: number };
  user?: string;
}

export async function startTacacsServer(users: readonly TacacsUser[], key = 'tacacs-key-1'): Promise<TacacsFixture> {
  const sockets = new Set<Socket>();
  const log: string[] = [];
  const byName = new Map(users.map((u) => [u.name, u]));
  const fixture = { port: 0, key, log, mode: 'normal' as TacacsFixture['mode'], delayMs: 0, stop: async () => {} };

  const reply = (socket: Socket, to: PacketHeader, body: Buffer): void => {
    const header = { ...to, seqNo: to.seqNo + 1, minorVersion: to.minorVersion };
    const send = (): void => { if (!socket.destroyed) socket.write(encodePacket(header, body, key)); };
    if (fixture.mode === 'slow') setTimeout(send, fixture.delayMs);
    else send();
  };
  const authenReply = (status: number, msg = '', flags = 0) => encodeAuthenReply({ status, flags, serverMsg: msg, data: Buffer.alloc(0) });

  const verdict = (socket: Socket, header: PacketHeader, user: string, password: string, type: number): void => {
    const ok = byName.get(user)?.password === password;
    log.push(`authen ${type === AuthenType.PAP ? 'PAP' : 'ASCII'} ${user} ${ok ? 'PASS' : 'FAIL'}`);
    reply(socket, header, authenReply(ok ? AuthenStatus.PASS : AuthenStatus.FAIL, ok ? '' : 'Login incorrect'));
  };

  const handle = (socket: Socket, packet: Packet, talk: Conversation): void => {
    const { header, body } = packet;
    if (header.type === PacketType.AUTHEN && header.seqNo === 1) {
      const start = decodeAuthenStart(body);
      if (!start.ok) return void reply(socket, header, authenReply(AuthenStatus.ERROR, start.error));
      const { authenType, user, data } = start.value;
      if (authenType === AuthenType.PAP) return verdict(socket, header, user, data.toString(), authenType);
      talk.start = { user, type: authenType };
      talk.user = user;
      if (user === '') return void reply(socket, header, authenReply(AuthenStatus.GETUSER, 'Username: '));
      return void reply(socket, header, authenReply(AuthenStatus.GETPASS, 'Password: ', ReplyFlag.NOECHO));
    }
    if (header.type === PacketType.AUTHEN) {
      const cont = decodeAuthenContinue(body);
      if (!cont.ok) return void reply(socket, header, authenReply(AuthenStatus.ERROR, cont.error));
      if (talk.user === '' || talk.user === undefined) {
        talk.user = cont.value.userMsg;
        return void reply(socket, header, authenReply(AuthenStatus.GETPASS, 'Password: ', ReplyFlag.NOECHO));
      }
      return verdict(socket, header, talk.user, cont.value.userMsg, AuthenType.ASCII);
    }
    if (header.type === PacketType.AUTHOR) {
      const req = decodeAuthorRequest(body);
      if (!req.ok) return void reply(socket, header, encodeAuthorResponse({ status: AuthorStatus.ERROR, serverMsg: req.error, data: '', args: [] }));
      const service = req.value.args.map(parseArg).find((a) => a?.name === 'service')?.value ?? '';
      const args = service === 'ccmd' ? byName.get(req.value.user)?.args ?? null : null;
      const status = args === null ? AuthorStatus.FAIL : AuthorStatus.PASS_ADD;
      log.push(`author ${req.value.user} ${service} ${args === null ? 'FAIL' : 'PASS_ADD'}`);
      reply(socket, header, encodeAuthorResponse({ status, serverMsg: '', data: '', args: args ?? [] }));
    }
  };

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const reader = new PacketReader(key);
    const talk: Conversation = {};
    socket.on('data', (chunk: Buffer) => {
      if (fixture.mode === 'silent') return;
      if (fixture.mode === 'garbage') {
        const junk = Buffer.alloc(40, 0x5a);
        junk[0] = 0xc0;
        return void socket.write(encodePacket({ minorVersion: MINOR_DEFAULT, type: 1, seqNo: 2, flags: 0, sessionId: 1 }, junk, 'other-key'));
      }
      const read = reader.push(chunk);
      if (!read.ok) return void socket.destroy();
      for (const packet of read.value) handle(socket, packet, talk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fixture.port = (server.address() as { port: number }).port;
  fixture.stop = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
  return fixture;
}
