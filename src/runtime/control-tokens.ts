/**
 * `ccmd token create|list|revoke` on the daemon's side of the control socket: the token service
 * (src/services/tokens.ts) acting as the console (every right, SPEC §9), answered like `exec`
 * (text for people, `data` for `--json`, status 1 with the ERR line on a refusal).
 */
import { errorLine } from '../domain/errors.js';
import type { Services } from '../services/index.js';
import type { ApiToken } from '../store/token-repository.js';
import type { ExecReply, TokenRequest } from '../transports/control-protocol.js';
import { renderTable } from '../cli/show-format.js';
import { CONSOLE_USER } from './daemon-services.js';

const iso = (ms: number | null): string => (ms === null ? '-' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));

function listText(tokens: readonly ApiToken[]): string {
  if (tokens.length === 0) return 'No tokens';
  const rows = tokens.map((t) => [t.id, t.user, t.label === '' ? '-' : t.label, iso(t.createdAt), iso(t.expiresAt), iso(t.lastUsedAt)]);
  return renderTable(['Id', 'User', 'Label', 'Created', 'Expires', 'Last used'], rows).join('\n');
}

export function tokenReply(services: Services, request: TokenRequest): ExecReply {
  const actor = services.actor(CONSOLE_USER, { method: 'console', address: '' });
  const refused = (r: { error: Parameters<typeof errorLine>[0] }): ExecReply => ({ status: 1, output: errorLine(r.error) });
  switch (request.action) {
    case 'create': {
      const made = services.tokens.create(actor, request.user, { ttlSeconds: request.ttlSeconds, label: request.label });
      if (!made.ok) return refused(made);
      const { token } = made;
      return { status: 0, output: token.token, data: token };
    }
    case 'list': {
      const listed = services.tokens.list(actor, request.user);
      if (!listed.ok) return refused(listed);
      return { status: 0, output: listText(listed.tokens), data: { tokens: listed.tokens } };
    }
    case 'revoke': {
      const revoked = services.tokens.revoke(actor, request.id);
      if (!revoked.ok) return refused(revoked);
      return { status: 0, output: `Token ${request.id} revoked`, data: { revoked: request.id } };
    }
  }
}
