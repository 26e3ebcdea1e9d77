/**
 * The appliance's default port names (issue 12 item 10). The manual's Default Port Settings:
 * "Name: xx-xx-xx Pn (last 3 octets of MAC address plus the port number)". Decided spelling:
 * upper-case hex octets joined by `-`, then `-P` and the port number unpadded: `3A-0F-C2-P7`.
 * Such a name passes the NAME= rule (letters, digits, `-`; not all digits), so it addresses the
 * port at login (`jdoe:3A-0F-C2-P7`) like a name that was set.
 */

/** `aa:bb:cc:dd:ee:ff` (or with `-`), any case; config's `applianceMac` is checked with it too. */
export const MAC_ADDRESS = /^[0-9a-f]{2}([:-][0-9a-f]{2}){5}$/i;

export function isMacAddress(text: string): boolean {
  return MAC_ADDRESS.test(text);
}

/** `02:00:5e:3a:0f:c2` → `3A-0F-C2`. */
export function macSuffix(mac: string): string {
  if (!isMacAddress(mac)) throw new RangeError(`not a MAC address: ${mac}`);
  return mac.split(/[:-]/).slice(3).join('-').toUpperCase();
}

/** Port `n`'s default name on an appliance whose MAC ends in `suffix` (macSuffix). */
export function defaultPortName(suffix: string, n: number): string {
  return `${suffix}-P${n}`;
}

/** A port's name as shown: the one set with NAME=, else the default. */
export function shownPortName(set: string | null, suffix: string, n: number): string {
  return set ?? defaultPortName(suffix, n);
}
