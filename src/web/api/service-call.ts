/**
 * How an API route calls the services (src/services, issue 13): the actor is the authenticated
 * user with the rights they hold now, from `api <address>` for the audit; a refusal becomes the
 * catalogue error the CLI would print, with its field.
 */
import type { Actor, Outcome, Services } from '../../services/index.js';
import type { ApiAnswer, ApiCall } from './api-route.js';

export function servicesOf(call: ApiCall<unknown>): Services {
  return call.deps.services.services;
}

export function actorOf(call: ApiCall<unknown>): Actor {
  return servicesOf(call).actor(call.identity.user, { method: 'api', address: call.client.address });
}

/** A service outcome as an API answer: `body(outcome)` on success, the refusal otherwise. */
export function answer<T extends object>(outcome: Outcome<T>, body: (done: T) => unknown): ApiAnswer {
  if (!outcome.ok) return outcome; // a Refusal is already an API refusal: error, field, conflict
  return { ok: true, body: body(outcome as unknown as T) };
}
