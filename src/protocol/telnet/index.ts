export { TelnetCodec, SERVER_POLICY, MAX_SUBNEGOTIATION, type TelnetEvent, type TelnetPolicy } from './codec.js';
export { TelnetOption, type OptionSide } from './constants.js';
