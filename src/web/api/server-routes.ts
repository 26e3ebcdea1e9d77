/**
 * SPEC §10 `GET/PATCH /server/{share|cli|security|ssh}`: the fields of one SERVER command
 * (config/settings.ts rows with that `command`), read by anyone logged in (as SHOW SERVER),
 * changed through the server settings service (SCON, the settings table, the audit).
 */
import { z } from 'zod';
import { SERVER_SETTINGS, type ServerSettingName, type ServerSettings } from '../../config/settings.js';
import { route, type ApiRoute } from './api-route.js';
import { actorOf, answer, servicesOf } from './service-call.js';

const TOPICS = ['share', 'cli', 'security', 'ssh'] as const;

function fieldsOf(topic: string): ServerSettingName[] {
  return (Object.keys(SERVER_SETTINGS) as ServerSettingName[]).filter((f) => SERVER_SETTINGS[f].command === topic.toUpperCase());
}

function pick(settings: ServerSettings, fields: readonly ServerSettingName[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, settings[f]]));
}

function topicRoutes(topic: (typeof TOPICS)[number]): ApiRoute[] {
  const fields = fieldsOf(topic);
  const shape = Object.fromEntries(fields.map((f) => [f, SERVER_SETTINGS[f].schema.describe(SERVER_SETTINGS[f].about)]));
  const answerSchema = z.object(shape);
  const body = z.object(shape).partial().strict();
  return [
    route({
      method: 'get', path: `/server/${topic}`, answer: answerSchema,
      summary: `SHOW SERVER ${topic.toUpperCase()}`,
      run: (call) => ({ ok: true, body: pick(servicesOf(call).server.get(), fields) }),
    }),
    route({
      method: 'patch', path: `/server/${topic}`, body, answer: answerSchema,
      summary: `SERVER ${topic.toUpperCase()} (SCON)`,
      run: (call) => answer(servicesOf(call).server.update(actorOf(call), call.body as Record<string, unknown>), (done) => pick(done.settings, fields)),
    }),
  ];
}

export const serverRoutes: readonly ApiRoute[] = TOPICS.flatMap(topicRoutes);
