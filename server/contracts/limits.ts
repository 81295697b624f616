/**
 * The largest payload either door accepts: Socket.IO's `maxHttpBufferSize` and the REST body
 * limit, so a request valid on one door is never too large for the other. Room for a
 * 20,000-character message in 4-byte characters plus framing; nothing legitimate is bigger.
 */
export const MAX_PAYLOAD_BYTES = 256 * 1024;
