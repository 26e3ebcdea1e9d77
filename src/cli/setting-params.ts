/**
 * KEY=value checks derived from the settings table (config/settings.ts, issue 13): the CLI turns
 * the typed text into the value the row's zod schema takes (a number, a canonical keyword, ON →
 * true, empty → null for a nullable row), and the schema decides. The range in a refusal comes
 * from the schema, so the CLI, the config file, the store and the API cannot drift apart.
 */
import { z } from 'zod';
import type { SettingRow } from '../config/settings.js';
import type { ParamCheck, ParamCheckResult, ParamSpec } from './command.js';
import { matchKeyword } from './keywords.js';

const bad = (detail: string): ParamCheckResult => ({ ok: false, detail });

function numberRange(schema: z.ZodType): { min: number; max: number } | null {
  if (schema instanceof z.ZodNumber) return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
  if (schema instanceof z.ZodUnion) {
    const values = schema.options.map((o) => (o instanceof z.ZodLiteral ? o.value : undefined));
    if (values.every((v) => typeof v === 'number')) return { min: Math.min(...values), max: Math.max(...values) };
  }
  return null;
}

/** Keyword values (any case, 3+ letter prefix) unless a value is not a plain word: then exact only. */
function keyword(options: readonly string[], text: string): ParamCheckResult {
  if (options.every((o) => /^[A-Z]+$/.test(o))) {
    const match = matchKeyword(text, options);
    return match.kind === 'one' ? { ok: true, value: match.keyword } : bad(`expected ${options.join('|')}`);
  }
  const upper = text.toUpperCase();
  return options.includes(upper) ? { ok: true, value: upper } : bad(`expected ${options.join(', ')}`);
}

/** The typed text as the value `schema` takes, before the schema's own checks. */
function fromText(schema: z.ZodType, text: string): ParamCheckResult {
  const range = numberRange(schema);
  if (range !== null) {
    const expected = `expected a number ${range.min}-${range.max}`;
    return /^[0-9]{1,10}$/.test(text) ? { ok: true, value: Number(text) } : bad(expected);
  }
  if (schema instanceof z.ZodEnum) return keyword(schema.options as string[], text);
  if (schema instanceof z.ZodBoolean) {
    const upper = text.toUpperCase();
    return upper === 'ON' || upper === 'OFF' ? { ok: true, value: upper === 'ON' } : bad('expected ON|OFF');
  }
  return { ok: true, value: text };
}

/** The ParamCheck for a settings row (the CLI's side of the table). */
export function settingCheck(row: SettingRow): ParamCheck {
  const nullable = row.schema instanceof z.ZodNullable;
  const inner = nullable ? (row.schema as z.ZodNullable<z.ZodType>).unwrap() : row.schema;
  return (text) => {
    if (nullable && text === '') return { ok: true, value: null };
    const typed = fromText(inner, text);
    if (!typed.ok) return typed;
    const parsed = inner.safeParse(typed.value);
    if (parsed.success) return { ok: true, value: parsed.data };
    const range = numberRange(inner);
    return bad(range === null ? parsed.error.issues[0]?.message ?? 'invalid value' : `expected a number ${range.min}-${range.max}`);
  };
}

/** `{ BAUD: check, ... }` for the rows given: the `params` of a command declaration. */
export function settingParams(rows: Readonly<Record<string, SettingRow>>): Record<string, ParamSpec> {
  const params: Record<string, ParamSpec> = {};
  for (const r of Object.values(rows)) if (r.key !== null) params[r.key] = { check: settingCheck(r) };
  return params;
}

/** The field a CLI key sets, among `rows` (`BAUD` → `baud`). */
export function fieldOfKey<T extends Readonly<Record<string, SettingRow>>>(rows: T, key: string): keyof T | null {
  for (const [field, r] of Object.entries(rows)) if (r.key === key) return field;
  return null;
}

/** What a row's value looks like on a command line, with the choices when there is a fixed set. */
export type SettingShape =
  | { readonly kind: 'number'; readonly choices: readonly number[] | null }
  | { readonly kind: 'keyword'; readonly choices: readonly string[] }
  | { readonly kind: 'on-off' }
  | { readonly kind: 'text' };

/** For the host CLI's options (`--parity none|even|odd`, `--size 7|8`, `--baud <number>`). */
export function settingShape(row: SettingRow): SettingShape {
  const schema = row.schema instanceof z.ZodNullable ? (row.schema as z.ZodNullable<z.ZodType>).unwrap() : row.schema;
  if (schema instanceof z.ZodNumber) return { kind: 'number', choices: null };
  if (schema instanceof z.ZodEnum) return { kind: 'keyword', choices: schema.options as string[] };
  if (schema instanceof z.ZodBoolean) return { kind: 'on-off' };
  if (schema instanceof z.ZodUnion) {
    const values = schema.options.map((o) => (o instanceof z.ZodLiteral ? o.value : undefined));
    if (values.every((v) => typeof v === 'number')) return { kind: 'number', choices: values };
  }
  return { kind: 'text' };
}
