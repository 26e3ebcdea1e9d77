import { describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { BREAK_NOT_SUPPORTED, type SerialDevice } from './device.js';
import { SimulatedDevice } from './simulated-device.js';

async function openDevice(n: number): Promise<SimulatedDevice> {
  const device = new SimulatedDevice(n);
  await device.open();
  return device;
}

/** Collects what the device says until `expected` bytes arrived. */
async function replyTo(device: SerialDevice, input: string, expected: number): Promise<string> {
  let got = '';
  const onData = (chunk: Buffer): void => { got += chunk.toString('latin1'); };
  device.on('data', onData);
  device.write(Buffer.from(input, 'latin1'));
  const deadline = Date.now() + 2000;
  while (got.length < expected && Date.now() < deadline) await new Promise((r) => setImmediate(r));
  device.off('data', onData);
  return got;
}

describe('SimulatedDevice (SPEC §8)', () => {
  it('echoes every byte it receives', async () => {
    const device = await openDevice(3);
    expect(await replyTo(device, 'hello\x01\xff', 7)).toBe('hello\x01\xff');
  });

  it('answers a carriage return with CR LF and the prompt device<n>$ ', async () => {
    const device = await openDevice(3);
    expect(await replyTo(device, 'ls\r', 12)).toBe('ls\r\ndevice3$ ');
  });

  it('gives one prompt for CR LF and CR NUL, even split across writes', async () => {
    const device = await openDevice(7);
    expect(await replyTo(device, '\r\n', 11)).toBe('\r\ndevice7$ ');
    expect(await replyTo(device, '\r', 11)).toBe('\r\ndevice7$ ');
    expect(await replyTo(device, '\0x', 1)).toBe('x');
  });

  it('answers asynchronously, never inside write()', async () => {
    const device = await openDevice(1);
    let sync = true;
    let answeredSync = false;
    device.on('data', () => { answeredSync ||= sync; });
    device.write(Buffer.from('a'));
    sync = false;
    await once(device, 'data');
    expect(answeredSync).toBe(false);
  });

  it('accepts settings, enforcing none, and succeeds a break as a no-op', async () => {
    const device = await openDevice(2);
    const result = await device.apply({ baud: 115200, dataBits: 7, parity: 'EVEN', stopBits: 2, flow: 'RTSCTS' });
    expect(result.refused).toEqual([]);
    expect(result.deferred).toBe(false);
    expect(device.settings.parity).toBe('EVEN');
    const br = await device.sendBreak(250);
    expect(br).toEqual({ ok: true });
    expect(br).not.toEqual({ ok: false, reason: BREAK_NOT_SUPPORTED });
  });

  it('drops writes while closed and closes with lost=false on close()', async () => {
    const device = await openDevice(4);
    const closed = once(device, 'close');
    await device.close();
    expect(await closed).toEqual([false]);
    let heard = false;
    device.on('data', () => { heard = true; });
    device.write(Buffer.from('x'));
    await new Promise((r) => setImmediate(r));
    expect(heard).toBe(false);
  });

  it('can be unplugged (close with lost=true, open fails) and plugged in again', async () => {
    const device = await openDevice(5);
    const closed = once(device, 'close');
    device.unplug();
    expect(await closed).toEqual([true]);
    await expect(device.open()).rejects.toThrow(/unplugged/);
    device.plugIn();
    await device.open();
    expect(device.isOpen).toBe(true);
  });
});
