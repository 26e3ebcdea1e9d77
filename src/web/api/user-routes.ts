/**
 * SPEC §10 `GET/POST /users`, `GET/PATCH/DELETE /users/{name}` (and, beside them, the USER LOGOUT
 * and USER UNLOCK twins), each through the user service (src/services/users.ts): the USER right,
 * "nobody acts on a higher level", no escalation, the SPEC §3 invariants, and the audit.
 */
import { z } from 'zod';
import type { UserChanges } from '../../services/index.js';
import { route, type ApiAnswer, type ApiCall, type ApiRoute } from './api-route.js';
import { listChange, listChangeSchema, userSnapshotSchema } from './schemas.js';
import { actorOf, answer, servicesOf } from './service-call.js';

const changesShape = {
  password: z.string().max(256).nullable().optional().describe('null removes it (the user must keep a key)'),
  key: listChangeSchema.optional().describe('one OpenSSH public key line (set replaces all; "" removes all)'),
  access: listChangeSchema.optional().describe('SPEC §3 access list, e.g. "P1-4,SMON" or {op:"add",list:"BREAK"}'),
  groups: listChangeSchema.optional().describe('port group names'),
};

export const userAddBody = z.object({ name: z.string().min(1).max(64), ...changesShape }).strict();
export const userChangeBody = z.object(changesShape).strict();

function changesOf(body: z.infer<typeof userChangeBody>): UserChanges {
  return { password: body.password, keys: listChange(body.key), access: listChange(body.access), groups: listChange(body.groups) };
}

/** The user as it is now (after a change), as GET /users/{name} gives it. */
function current(call: ApiCall<unknown>, name: string): ApiAnswer {
  return answer(servicesOf(call).users.get(actorOf(call), name), (done) => ({ user: done.user }));
}

const userAnswer = z.object({ user: userSnapshotSchema });

export const userRoutes: readonly ApiRoute[] = [
  route({
    method: 'get', path: '/users', answer: z.object({ users: z.array(userSnapshotSchema) }),
    summary: 'Every user (SHOW USER ALL; USER right)',
    run: (call) => answer(servicesOf(call).users.list(actorOf(call)), (done) => ({ users: done.users })),
  }),
  route({
    method: 'post', path: '/users', body: userAddBody, answer: userAnswer, created: true,
    summary: 'Adds a user (USER ADD; USER right). 409 when the name is taken',
    async run(call) {
      const { name, ...rest } = call.body;
      const added = await servicesOf(call).users.add(actorOf(call), name, changesOf(rest));
      // A taken name is a refusal with `conflict` (SPEC §10 409); the store decides it in its transaction.
      if (!added.ok) return answer(added, () => null);
      return current(call, name);
    },
  }),
  route({
    method: 'get', path: '/users/{name}', answer: userAnswer,
    summary: 'One user (SHOW USER name): yourself, or anyone with the USER right',
    run: (call) => current(call, call.params.name ?? ''),
  }),
  route({
    method: 'patch', path: '/users/{name}', body: userChangeBody, answer: userAnswer,
    summary: 'Changes a user (USER SET): the USER right, or your own password',
    async run(call) {
      const name = call.params.name ?? '';
      const changed = await servicesOf(call).users.update(actorOf(call), name, changesOf(call.body));
      return changed.ok ? current(call, name) : answer(changed, () => null);
    },
  }),
  route({
    method: 'delete', path: '/users/{name}', answer: z.object({ deleted: z.string() }),
    summary: 'Deletes a user (USER DELETE; USER right); their logins end and their tokens are revoked',
    run: (call) => answer(servicesOf(call).users.delete(actorOf(call), call.params.name ?? ''), () => ({ deleted: call.params.name })),
  }),
  route({
    method: 'post', path: '/users/{name}/logout', answer: z.object({ loggedOut: z.string() }),
    summary: 'Ends every login of a user and revokes their API tokens (USER LOGOUT; USER right)',
    run: (call) => answer(servicesOf(call).users.logout(actorOf(call), call.params.name ?? ''), () => ({ loggedOut: call.params.name })),
  }),
  route({
    method: 'post', path: '/users/{name}/unlock', answer: z.object({ unlocked: z.string() }),
    summary: 'Clears a lockout (USER UNLOCK; USER right)',
    run: (call) => answer(servicesOf(call).users.unlock(actorOf(call), call.params.name ?? ''), () => ({ unlocked: call.params.name })),
  }),
];
