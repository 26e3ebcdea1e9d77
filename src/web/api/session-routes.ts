/**
 * SPEC §10 sessions: `GET /sessions` (one row per port, as `SHOW SESSIONS --json`),
 * `GET /sessions/{id}`, `GET /sessions/{id}/history`, `POST /sessions/{id}/end`,
 * `PUT /sessions/{id}/access`, through the session service (src/services/sessions.ts): port
 * visibility, initiator-or-admin, the broker's notices, the audit. An ended session is 409 where
 * a running one is needed (ERR 20).
 */
import { z } from 'zod';
import type { SessionHistory, SessionInfo, SessionsRow } from '../../services/index.js';
import { route, type ApiRoute } from './api-route.js';
import { actorOf, answer, servicesOf } from './service-call.js';

const statusSchema = z.enum(['Active', 'Inactive', 'Pending']);
const accessSchema = z.enum(['PUBLIC', 'PRIVATE']);

export const sessionsRowSchema = z.object({
  port: z.number(),
  name: z.string().nullable(),
  status: statusSchema,
  pendingFor: z.enum(['approval', 'choice', 'device']).nullable(),
  remainingSeconds: z.number().nullable().describe('seconds left while Pending'),
  session: z.string().nullable().describe('session id (S<n>), null when idle'),
  initiator: z.string().nullable(),
  users: z.array(z.object({ user: z.string(), mode: z.enum(['rw', 'shared', 'exclusive', 'listen']) })),
  durationSeconds: z.number().nullable(),
  access: accessSchema.nullable(),
  exclusive: z.boolean(),
}) satisfies z.ZodType<SessionsRow>;

export const sessionInfoSchema = z.object({
  id: z.string(),
  port: z.number(),
  name: z.string().nullable(),
  status: z.enum(['Active', 'Inactive', 'Pending', 'Ended']),
  remainingSeconds: z.number().nullable(),
  initiator: z.string(),
  createdAt: z.string().describe('ISO 8601, UTC'),
  endedAt: z.string().nullable(),
  howEnded: z.string().nullable(),
  durationSeconds: z.number(),
  access: accessSchema,
  exclusive: z.boolean(),
  connections: z.array(z.object({
    user: z.string(), method: z.string(), host: z.string(), address: z.string(), listener: z.string(), mode: z.string(),
    exclusive: z.boolean(), joinedAt: z.string(), leftAt: z.string().nullable(),
  })),
}) satisfies z.ZodType<SessionInfo>;

export const sessionHistorySchema = z.object({
  id: z.string(),
  port: z.number(),
  events: z.array(z.object({ at: z.string(), event: z.string(), user: z.string(), detail: z.string().nullable() })),
}) satisfies z.ZodType<SessionHistory>;

export const accessBody = z.object({ access: accessSchema }).strict();

export const sessionRoutes: readonly ApiRoute[] = [
  route({
    method: 'get', path: '/sessions', answer: z.array(sessionsRowSchema),
    summary: 'One row per port you may see (SHOW SESSIONS); ?busy=1 keeps ports with a session or Pending',
    run: (call) => ({ ok: true, body: servicesOf(call).sessions.list(actorOf(call), { busy: call.query('busy') === '1' }) }),
  }),
  route({
    method: 'get', path: '/sessions/{id}', answer: sessionInfoSchema,
    summary: 'Session information (SHOW SESSION id): running or ended',
    run: (call) => answer(servicesOf(call).sessions.info(actorOf(call), call.params.id ?? ''), (done) => done.session),
  }),
  route({
    method: 'get', path: '/sessions/{id}/history', answer: sessionHistorySchema,
    summary: 'Every event of the session, oldest first (SHOW SESSION id HISTORY)',
    run: (call) => answer(servicesOf(call).sessions.history(actorOf(call), call.params.id ?? ''), (done) => done.history),
  }),
  route({
    method: 'post', path: '/sessions/{id}/end', answer: z.object({ id: z.string(), port: z.number() }),
    summary: 'Ends a running session (SESSION id END): its initiator or an administrator',
    run: (call) => answer(servicesOf(call).sessions.end(actorOf(call), call.params.id ?? ''), (done) => ({ id: done.id, port: done.port })),
  }),
  route({
    method: 'put', path: '/sessions/{id}/access', body: accessBody, answer: z.object({ id: z.string(), access: accessSchema }),
    summary: 'PUBLIC or PRIVATE (SESSION id SET ACCESS=): its initiator or an administrator',
    run: (call) => answer(servicesOf(call).sessions.setAccess(actorOf(call), call.params.id ?? '', call.body.access), (done) => ({ id: done.id, access: done.access })),
  }),
];
