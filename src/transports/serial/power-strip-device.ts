/**
 * The second kind of simulated device (issue 12): a power strip (power-strip.ts) behind the
 * SerialDevice contract (device.ts), chosen in the config with `ports."<n>".powerStrip` and in
 * the embedded default on the profile's last port. Like the simulated console device it answers
 * on a later turn, accepts settings without enforcing them, takes a break as a no-op, reads its
 * modem lines high while open, and can be unplugged for tests. The strip keeps its outlets'
 * states while closed (a strip does not lose power because its serial cable was pulled).
 */
import type { SerialSettings } from '../../config/schema.js';
import type { Clock } from '../../runtime/clock.js';
import { DEFAULT_SERIAL_SETTINGS } from './device.js';
import { PowerStrip } from './power-strip.js';
import { SimulatedSerialDevice } from './simulated-base.js';

export interface PowerStripDeviceOptions {
  readonly outlets: number;
  readonly cycleMs: number;
  readonly clock: Clock;
}

export class PowerStripDevice extends SimulatedSerialDevice {
  readonly strip: PowerStrip;

  constructor(readonly portNumber: number, options: PowerStripDeviceOptions, settings: SerialSettings = DEFAULT_SERIAL_SETTINGS) {
    super(`simulated-power-strip:${portNumber}`, settings);
    this.strip = new PowerStrip({
      outlets: options.outlets, cycleMs: options.cycleMs, clock: options.clock, send: (bytes) => this.emitLater(bytes),
    });
  }

  protected received(data: Buffer): void {
    this.strip.input(data);
  }

  /** No timer outlives the device: a cycle under way finishes at once. */
  protected override closing(): void {
    this.strip.finishCycles();
  }
}
