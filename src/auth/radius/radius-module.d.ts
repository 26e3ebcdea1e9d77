/** The part of the `radius` package (no types of its own) that ccmd uses: encoding requests. */
declare module 'radius' {
  type AttributeValue = string | number | Buffer;
  interface EncodeArgs {
    code: string;
    secret: string;
    identifier?: number;
    authenticator?: Buffer;
    attributes: [string | number, AttributeValue][];
    add_message_authenticator?: boolean;
  }
  interface DecodedPacket {
    code: string;
    identifier: number;
    authenticator: Buffer;
    attributes: Record<string, unknown>;
    raw_attributes: [number, Buffer][];
  }
  interface Radius {
    encode(args: EncodeArgs): Buffer;
    encode_response(args: { packet: DecodedPacket; code: string; secret: string; attributes?: [string | number, AttributeValue][] }): Buffer;
    decode(args: { packet: Buffer; secret: string }): DecodedPacket;
  }
  const radius: Radius;
  export default radius;
}
