/**
 * Issue 13: docs/configuration.md holds the settings tables exactly as the schemas render them,
 * so a new setting, range or default cannot land without its documentation (`npm run docs`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configTable, portSettingsTable, serverSettingsTable, settingsReference } from './settings-doc.js';

const DOC = join(import.meta.dirname, '..', '..', 'docs', 'configuration.md');

describe('docs/configuration.md', () => {
  it('holds the settings tables as src/config renders them (run `npm run docs` after changing a setting)', () => {
    expect(readFileSync(DOC, 'utf8')).toContain(settingsReference());
  });

  it('renders ranges, defaults and meanings from the schemas', () => {
    expect(configTable()).toContain('| `webPort` | -1 to 65535 | `8080` | web console, JSON API, /metrics and /healthz (0: off) |');
    expect(configTable()).toContain('| `ports."<n>".baud` | 50-4000000 | `9600` | line speed in bit/s |');
    expect(configTable()).toContain('| `portLogs.keep` | 1-100 | `5` |');
    expect(configTable()).toContain('| `portLogs.maxBytes` | 1024 or more | `1048576` |');
    expect(portSettingsTable()).toContain('| `LOG=` | `log` | `ON`, `OFF` | `ON` |');
    expect(portSettingsTable()).toContain('| `SIZE=` | `dataBits` | 7, 8 | `8` | data bits |');
    expect(portSettingsTable()).toContain('| `SHARE=` | `share` | DISABLE, AUTO, QUERY, SERVER | `SERVER` |');
    expect(serverSettingsTable()).toContain('| `SERVER SECURITY` | `LOCKOUT=` | `lockoutHours` | 0-99 | `1` |');
    expect(serverSettingsTable()).toContain('| `SERVER SSH` | (keyword) | `sshEnabled` | `ENABLE`, `DISABLE` | `ENABLE` |');
  });
});
