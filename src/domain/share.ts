/** SPEC §4: the appliance-wide share mode. */
export type ShareMode = 'DISABLE' | 'AUTO' | 'QUERY';
/** Per-port override; SERVER follows the appliance-wide mode. */
export type PortShareSetting = ShareMode | 'SERVER';
/** SPEC §4/§5: PRIVATE admits only the initiator and ADMIN/APPLIANCEADMIN. */
export type SessionAccess = 'PUBLIC' | 'PRIVATE';
/** The requesting user's answer to the choice dialogue (SPEC §4). */
export type Choice = 'E' | 'N' | 'S' | 'D';

export function effectiveShareMode(port: PortShareSetting, server: ShareMode): ShareMode {
  return port === 'SERVER' ? server : port;
}
