/** Telnet command and option codes (RFC 854, 855, 856, 857, 858, 1073). */
export const IAC = 255;
export const DONT = 254;
export const DO = 253;
export const WONT = 252;
export const WILL = 251;
export const SB = 250;
export const GA = 249;
export const EL = 248;
export const EC = 247;
export const AYT = 246;
export const AO = 245;
export const IP = 244;
export const BRK = 243;
export const DM = 242;
export const NOP = 241;
export const SE = 240;

export const CR = 13;
export const LF = 10;
export const NUL = 0;

/** The options ccmd negotiates; anything else is refused (RFC 1143: refuse by DONT/WONT). */
export const TelnetOption = {
  BINARY: 0,
  ECHO: 1,
  SGA: 3,
  NAWS: 31,
} as const;

/**
 * `local`: the option on our side (we WILL/WONT, the peer DO/DONT).
 * `remote`: the option on the peer's side (the peer WILL/WONT, we DO/DONT).
 */
export type OptionSide = 'local' | 'remote';
