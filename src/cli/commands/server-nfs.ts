/** `SERVER NFS` (issue 12 item 11): the appliance's port logging to an NFS server, refused here (ERR 46). */
import { noHardwareCommand } from './no-hardware.js';

export const serverNfs = noHardwareCommand({
  words: ['SERVER', 'NFS'],
  syntax: 'SERVER NFS [...]',
  does: 'On the appliance: writes port data to files on an NFS server, so no history is lost.',
  why: 'ccmd does not mount file systems (it runs without root); it already writes each port\'s data to <data dir>/logs (PORT n SET LOG=ON): mount NFS there on the host if you want it remote',
});
