/**
 * An appliance profile: the numbers of SPEC §1. Code asks `profile.maxPerPort`, never
 * which model it is (STYLE: config is data).
 */
export interface Profile {
  /** Profile name, e.g. `ccm1650`. */
  readonly name: string;
  /** Number of serial ports, numbered 1..ports. */
  readonly ports: number;
  /** Port connections allowed across the appliance (SPEC §9: CLI-only logins do not count). */
  readonly maxSessions: number;
  /** Port connections allowed on one port, LISTEN monitors and pending requests included. */
  readonly maxPerPort: number;
  /** Port groups one user may belong to. */
  readonly groupsPerUser: number;
  /** Users the database may hold. */
  readonly maxUsers: number;
  /** Bytes of device output kept per port in the circular history buffer. */
  readonly historyBytes: number;
}
