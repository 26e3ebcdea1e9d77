/**
 * The one settings table (issue 13): defaults satisfy their own rows, and the CLI's KEY= checks,
 * derived from the rows, agree with the zod schemas the config, the store and the API use.
 */
import { describe, expect, it } from 'vitest';
import { settingCheck, settingShape } from '../cli/setting-params.js';
import {
  PORT_DEFAULTS, PORT_SETTINGS, portSettingsPatchSchema, SERVER_DEFAULTS, SERVER_SETTINGS, serverSettingsSchema,
} from './settings.js';

describe('settings table', () => {
  it('defaults satisfy the rows', () => {
    expect(portSettingsPatchSchema.safeParse(PORT_DEFAULTS).success).toBe(true);
    expect(serverSettingsSchema.parse(SERVER_DEFAULTS)).toEqual(SERVER_DEFAULTS);
  });

  it.each([
    ['baud', '50', 50], ['baud', '4000000', 4_000_000], ['dataBits', '7', 7], ['parity', 'eve', 'EVEN'],
    ['log', 'off', false], ['name', '', null], ['char', '^d', '^D'], ['socket', '', null], ['timeoutMinutes', '0', 0],
  ] as const)('PORT SET %s=%s gives %j, which the schema takes', (field, text, value) => {
    const checked = settingCheck(PORT_SETTINGS[field])(text, '=');
    expect(checked).toEqual({ ok: true, value });
    expect(portSettingsPatchSchema.safeParse({ [field]: value }).success).toBe(true);
  });

  it.each([
    ['baud', '49', 'expected a number 50-4000000'], ['baud', '4000001', 'expected a number 50-4000000'],
    ['dataBits', '6', 'expected a number 7-8'], ['stopBits', '3', 'expected a number 1-2'],
    ['name', '7', 'cannot be a number'], ['name', 'groups', 'groups is reserved'], ['char', '^M', '^M is reserved'],
    ['socket', '0', 'expected a number 1-65535'], ['flow', 'xoff', 'expected NONE|XONXOF|RTSCTS'],
  ] as const)('PORT SET %s=%s is refused: %s', (field, text, detail) => {
    expect(settingCheck(PORT_SETTINGS[field])(text, '=')).toEqual({ ok: false, detail });
  });

  it.each([
    ['CTS', 'CTS,HIGH'], ['dcd', 'DCD,HIGH'], ['dsr,low', 'DSR,LOW'], ['Cts,High', 'CTS,HIGH'], ['none', 'NONE'],
  ])('POWER=%s is stored as %s (issue 12: HIGH when the state is not given)', (text, value) => {
    expect(settingCheck(PORT_SETTINGS.power)(text, '=')).toEqual({ ok: true, value });
    expect(portSettingsPatchSchema.parse({ power: text })).toEqual({ power: value });
  });

  it.each(['RTS', 'CTS,', 'CTS,MID', 'CTS,HIGH,LOW', 'DTR', ''])('POWER=%s is refused', (text) => {
    expect(settingCheck(PORT_SETTINGS.power)(text, '=')).toEqual({ ok: false, detail: 'expected NONE or CTS|DCD|DSR[,LOW|HIGH]' });
  });

  it('TD= and TOGGLE= take the manual\'s keywords, abbreviated too', () => {
    expect(settingCheck(PORT_SETTINGS.td)('spc', '=')).toEqual({ ok: true, value: 'SPC' });
    expect(settingCheck(PORT_SETTINGS.td)('cons', '=')).toEqual({ ok: true, value: 'CONSOLE' });
    expect(settingCheck(PORT_SETTINGS.toggle)('dtr', '=')).toEqual({ ok: true, value: 'DTR' });
    expect(settingCheck(PORT_SETTINGS.toggle)('rts', '=')).toEqual({ ok: false, detail: 'expected NONE|DTR' });
  });

  it('exact values where a value is not a plain word (SERVER SSH AUTH=)', () => {
    const auth = settingCheck(SERVER_SETTINGS.sshAuth);
    expect(auth('pw|key', '=')).toEqual({ ok: true, value: 'PW|KEY' });
    expect(auth('key&pw', '=')).toEqual({ ok: true, value: 'KEY&PW' });
    expect(auth('PW|', '=')).toEqual({ ok: false, detail: 'expected PW, KEY, PW|KEY, KEY|PW, PW&KEY, KEY&PW' });
  });

  it('describes each value for the host CLI', () => {
    expect(settingShape(PORT_SETTINGS.parity)).toEqual({ kind: 'keyword', choices: ['NONE', 'EVEN', 'ODD'] });
    expect(settingShape(PORT_SETTINGS.dataBits)).toEqual({ kind: 'number', choices: [7, 8] });
    expect(settingShape(PORT_SETTINGS.socket)).toEqual({ kind: 'number', choices: null });
    expect(settingShape(PORT_SETTINGS.log)).toEqual({ kind: 'on-off' });
    expect(settingShape(PORT_SETTINGS.name)).toEqual({ kind: 'text' });
  });
});
