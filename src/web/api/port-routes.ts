/**
 * SPEC §10 `GET/PATCH /ports[/{n}]`, `POST /ports/{n}/break`, `POST /ports/{n}/logout`, through
 * the port service (src/services/ports.ts): PCON for changes, BREAK for breaks, visibility by
 * port access, every value checked against the settings table, the audit. `{n}` is a port
 * number or name, as in the CLI. `PATCH /ports` changes several at once (`ports`: `1-4`, `ALL`).
 */
import { z } from 'zod';
import { portSettingsPatchSchema } from '../../config/settings.js';
import { route, type ApiAnswer, type ApiCall, type ApiRoute } from './api-route.js';
import { listChange, listChangeSchema, portViewSchema } from './schemas.js';
import { actorOf, answer, servicesOf } from './service-call.js';

const changeShape = { ...portSettingsPatchSchema.shape, groups: listChangeSchema.optional().describe('port groups holding the port(s)') };
export const portChangeBody = z.object(changeShape).strict();
export const portsChangeBody = z.object({ ports: z.string().min(1).describe('a selection: 3, 1-4, ALL or a port name'), ...changeShape }).strict();

const changedAnswer = z.object({ ports: z.array(portViewSchema), warnings: z.array(z.string()).describe('what a device refused (kept for its next open)') });

/** `{n}` → a port number, or the CLI's refusal for it (ERR 06 / 12: 404). */
function portOf(call: ApiCall<unknown>): { ok: true; port: number } | Extract<ApiAnswer, { ok: false }> {
  const found = servicesOf(call).ports.find(call.params.n ?? '', 'n');
  return found.ok ? found : { ok: false, error: found.error, field: found.field };
}

async function change(call: ApiCall<unknown>, selection: string, body: z.infer<typeof portChangeBody>): Promise<ApiAnswer> {
  const { groups, ...settings } = body;
  const ports = servicesOf(call).ports;
  const changed = await ports.update(actorOf(call), selection, settings, listChange(groups));
  return answer(changed, (done) => ({ ports: done.ports.map((n) => ports.view(n)), warnings: done.warnings }));
}

export const portRoutes: readonly ApiRoute[] = [
  route({
    method: 'get', path: '/ports', answer: z.object({ ports: z.array(portViewSchema) }),
    summary: 'Every port you may see, with its settings and status (SHOW PORT ALL)',
    run: (call) => ({ ok: true, body: { ports: servicesOf(call).ports.list(actorOf(call)) } }),
  }),
  route({
    method: 'patch', path: '/ports', body: portsChangeBody, answer: changedAnswer,
    summary: 'Changes settings of several ports at once (PORT <n-m|ALL> SET; PCON)',
    run: (call) => {
      const { ports, ...rest } = call.body;
      return change(call, ports, rest);
    },
  }),
  route({
    method: 'get', path: '/ports/{n}', answer: z.object({ port: portViewSchema }),
    summary: 'One port by number or name (SHOW PORT n)',
    run(call) {
      const port = portOf(call);
      if (!port.ok) return port;
      return answer(servicesOf(call).ports.get(actorOf(call), port.port), (done) => ({ port: done.port }));
    },
  }),
  route({
    method: 'patch', path: '/ports/{n}', body: portChangeBody, answer: changedAnswer,
    summary: 'Changes a port\'s settings (PORT n SET; PCON)',
    run(call) {
      const port = portOf(call);
      return port.ok ? change(call, String(port.port), call.body) : port;
    },
  }),
  route({
    method: 'post', path: '/ports/{n}/break', answer: z.object({ port: z.number(), sent: z.literal(true) }),
    summary: 'Sends a serial break (PORT n BREAK; BREAK right and access to the port)',
    async run(call) {
      const port = portOf(call);
      if (!port.ok) return port;
      return answer(await servicesOf(call).ports.sendBreak(actorOf(call), port.port), () => ({ port: port.port, sent: true }));
    },
  }),
  route({
    method: 'post', path: '/ports/{n}/logout', answer: z.object({ port: z.number(), loggedOut: z.literal(true) }),
    summary: 'Ends every connection on the port (PORT n LOGOUT; PCON)',
    run(call) {
      const port = portOf(call);
      if (!port.ok) return port;
      return answer(servicesOf(call).ports.logout(actorOf(call), port.port), () => ({ port: port.port, loggedOut: true }));
    },
  }),
];
