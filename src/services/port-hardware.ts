/**
 * Issue 12, the port's hardware settings in the port service: the manual's rules for TD=, POWER=
 * and TOGGLE=, the device check that refuses them on a device without modem-control lines, and
 * SHOW PORT n's power status read from the configured line.
 */
import { PORT_SETTINGS, powerLine, SPC_PORT_SETTINGS, type PortSettingName, type PortSettings, type PortSettingsPatch } from '../config/settings.js';
import { NOT_SUPPORTED } from '../transports/serial/device.js';
import type { ApplianceRuntime } from './runtime.js';
import { refuse, type Outcome, type Refusal } from './types.js';

/**
 * SHOW PORT n's power status: with POWER= set, the configured line read now and what it means;
 * `state` null when the line cannot be read (`reason`: not supported by this device, device
 * unavailable).
 */
export type PowerStatus =
  | { readonly power: 'NONE' }
  | { readonly power: string; readonly state: 'ON' | 'OFF'; readonly line: string; readonly level: 'HIGH' | 'LOW' }
  | { readonly power: string; readonly state: null; readonly reason: string };

export async function readPowerStatus(app: ApplianceRuntime, port: number): Promise<PowerStatus> {
  const { power } = app.portSettings(port);
  const line = powerLine(power);
  if (line === null) return { power: 'NONE' };
  const read = await app.port(port).modemLines();
  if (!read.ok) return { power, state: null, reason: read.reason };
  const high = read.lines[line.signal.toLowerCase() as 'cts' | 'dsr' | 'dcd'];
  // The manual: POWER=<signal>,<LOW|HIGH> names the state that means "power on".
  const on = high === (line.onWhen === 'HIGH');
  return { power, state: on ? 'ON' : 'OFF', line: line.signal, level: high ? 'HIGH' : 'LOW' };
}

/**
 * Issue 12: POWER= and TOGGLE=DTR need modem-control lines. A device that has none (a pty)
 * is refused as PORT BREAK is, "not supported by this device", and nothing is saved; a device
 * not open now cannot be asked, so the setting is kept with a warning.
 */
export async function probeModemLines(app: ApplianceRuntime, patch: PortSettingsPatch, ports: readonly number[],
): Promise<Outcome<{ warnings: string[] }>> {
  const field = patch.power !== undefined && patch.power !== 'NONE' ? 'power' : patch.toggle === 'DTR' ? 'toggle' : null;
  if (field === null) return { ok: true, warnings: [] };
  const warnings: string[] = [];
  for (const n of ports) {
    const read = await app.port(n).modemLines();
    if (read.ok) continue;
    if (read.reason === NOT_SUPPORTED) return refuse('deviceFailure', ports.length > 1 ? `port ${n}: ${read.reason}` : read.reason, field);
    warnings.push(`port ${n}: ${PORT_SETTINGS[field].key}= not checked: ${read.reason}`);
  }
  return { ok: true, warnings };
}

/**
 * Issue 12, the manual's rules for the hardware settings: a TD=SPC port takes only NAME= and
 * GROUP=, and the line used for flow control cannot also be the power line (FLOW=RTSCTS uses CTS).
 */
export function checkHardware(patch: PortSettingsPatch, settings: readonly PortSettings[]): Refusal | null {
  const given = Object.keys(patch) as PortSettingName[];
  for (const s of settings) {
    if (s.td === 'SPC') {
      const other = given.find((f) => !SPC_PORT_SETTINGS.includes(f));
      if (other !== undefined) {
        return refuse('invalidValue', `${PORT_SETTINGS[other].key}= does not apply to a TD=SPC port (NAME= and GROUP= only)`, other);
      }
    }
    if (s.flow === 'RTSCTS' && powerLine(s.power)?.signal === 'CTS') {
      const field = patch.power !== undefined ? 'power' : 'flow';
      return refuse('invalidValue', `POWER=${s.power} clashes with FLOW=RTSCTS: CTS is the flow control line`, field);
    }
  }
  return null;
}
