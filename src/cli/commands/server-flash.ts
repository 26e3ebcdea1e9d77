/** `SERVER FLASH` (issue 12 item 11): the appliance's firmware update, refused here (ERR 46). */
import { noHardwareCommand } from './no-hardware.js';

export const serverFlash = noHardwareCommand({
  words: ['SERVER', 'FLASH'],
  syntax: 'SERVER FLASH [HOST=<tftp server>] [FILE=<file>]',
  does: 'On the appliance: loads new firmware from a TFTP server into its flash memory.',
  why: 'ccmd has no firmware or flash memory; update it as software (npm ci && npm run build, or your package manager), then SERVER REBOOT',
});
