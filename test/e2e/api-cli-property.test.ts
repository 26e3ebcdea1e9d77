/**
 * Issue 10 property: random sequences of user and port changes, each made either through the
 * JSON API or through the CLI (`ccmd exec`, the console), on one real daemon, keep the store's
 * invariants after every step (SPEC §3): at least one user keeps the USER right, at most 64
 * users, names unique ignoring case, every user keeps a password or a key; port names unique;
 * and the API and the CLI always report the same users and ports.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDaemon, type DaemonProcess } from '../support/daemon.js';
import { apiClient } from './api-fixture.js';

let daemon: DaemonProcess;
let call: ReturnType<typeof apiClient>;
let token = '';

beforeAll(async () => {
  daemon = await startDaemon({ web: true });
  call = apiClient(daemon);
  token = (await call('POST', '/api/v1/login', { body: { ttlSeconds: 3600 } })).body.token as string;
});
afterAll(async () => {
  await daemon.stop();
});

const NAMES = ['amy', 'bob', 'Bob', 'cyd', 'dee'] as const;
const ACCESS = ['P1-4', 'PALL,SMON', 'PALL,USER,SMON,PCON,BREAK', 'USER', 'SCON,USER', 'PCON'] as const;

type Step =
  | { via: 'api' | 'cli'; op: 'add'; name: string; access: string }
  | { via: 'api' | 'cli'; op: 'delete'; name: string }
  | { via: 'api' | 'cli'; op: 'access'; name: string; access: string }
  | { via: 'api' | 'cli'; op: 'password'; name: string; password: string | null }
  | { via: 'api' | 'cli'; op: 'port'; port: number; name: string | null; baud: number };

const via = fc.constantFrom('api' as const, 'cli' as const);
const name = fc.constantFrom(...NAMES, 'Admin');
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ via, op: fc.constant('add' as const), name: fc.constantFrom(...NAMES), access: fc.constantFrom(...ACCESS) }),
  fc.record({ via, op: fc.constant('delete' as const), name: fc.constantFrom(...NAMES) }),
  fc.record({ via, op: fc.constant('access' as const), name, access: fc.constantFrom(...ACCESS) }),
  fc.record({ via, op: fc.constant('password' as const), name: fc.constantFrom(...NAMES), password: fc.constantFrom('pw-one-1', 'x', null) }),
  fc.record({ via, op: fc.constant('port' as const), port: fc.integer({ min: 1, max: 4 }), name: fc.constantFrom('r1', 'r2', null), baud: fc.constantFrom(9600, 115200, 10) }),
);

async function apply(s: Step): Promise<void> {
  const auth = token;
  if (s.via === 'api') {
    if (s.op === 'add') await call('POST', '/api/v1/users', { auth, body: { name: s.name, password: 'pw-start1', access: s.access } });
    if (s.op === 'delete') await call('DELETE', `/api/v1/users/${s.name}`, { auth });
    if (s.op === 'access') await call('PATCH', `/api/v1/users/${s.name}`, { auth, body: { access: s.access } });
    if (s.op === 'password') await call('PATCH', `/api/v1/users/${s.name}`, { auth, body: { password: s.password } });
    if (s.op === 'port') await call('PATCH', `/api/v1/ports/${s.port}`, { auth, body: { name: s.name, baud: s.baud } });
    return;
  }
  if (s.op === 'add') await daemon.exec(`USER ADD ${s.name} PASSWORD=pw-start1 ACCESS=${s.access}`);
  if (s.op === 'delete') await daemon.exec(`USER DELETE ${s.name}`);
  if (s.op === 'access') await daemon.exec(`USER SET ${s.name} ACCESS=${s.access}`);
  if (s.op === 'password') await daemon.exec(`USER SET ${s.name} PASSWORD=${s.password ?? ''}`);
  if (s.op === 'port') await daemon.exec(`PORT ${s.port} SET NAME=${s.name ?? ''} BAUD=${s.baud}`);
}

interface UserRow { name: string; access: string; password: boolean; keys: string[] }
interface PortRow { port: number; name: string | null; baud: number }

async function checkInvariants(): Promise<void> {
  const users = (await daemon.exec('SHOW USER ALL', true)).data as { users: UserRow[] };
  const list = users.users;
  const apiUsers = await call('GET', '/api/v1/users', { auth: token });
  // The API acts as Admin, whom a step may have taken the USER right from: then it must refuse.
  const adminHoldsUser = list.find((u) => u.name === 'Admin')?.access.split(',').includes('USER') === true;
  if (adminHoldsUser) expect(apiUsers.body).toEqual(users);
  else expect(apiUsers.status).toBe(403);
  expect(list.length).toBeLessThanOrEqual(64);
  expect(list.some((u) => u.access.split(',').includes('USER'))).toBe(true);
  expect(new Set(list.map((u) => u.name.toLowerCase())).size).toBe(list.length);
  for (const u of list) expect(u.password || u.keys.length > 0, u.name).toBe(true);
  const ports = ((await daemon.exec('SHOW PORT ALL', true)).data as { ports: PortRow[] }).ports;
  // The API shows Admin the ports Admin may see now (a step may have narrowed Admin's rights); the
  // console sees all. Every port the API shows is exactly as the CLI shows it.
  const adminAccess = list.find((u) => u.name === 'Admin')?.access.split(',') ?? [];
  const apiPorts = (await call('GET', '/api/v1/ports', { auth: token })).body.ports as PortRow[];
  for (const p of apiPorts) expect(p).toEqual(ports.find((c) => c.port === p.port));
  if (adminAccess.includes('PCON') || adminAccess.includes('SMON') || adminAccess.includes('PALL')) expect(apiPorts).toEqual(ports);
  const named = ports.map((p) => p.name).filter((n): n is string => n !== null).map((n) => n.toLowerCase());
  expect(new Set(named).size).toBe(named.length);
  for (const p of ports) expect(p.baud).toBeGreaterThanOrEqual(50);
}

describe('API and CLI changes together keep the store\'s invariants', () => {
  it('after every step of random sequences', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
      for (const s of steps) {
        await apply(s);
        await checkInvariants();
      }
    }), { numRuns: 12, ...(process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED) }) });
  }, 240_000);
});
