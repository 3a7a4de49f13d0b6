/**
 * Wraps a response's `write`/`end` to count body bytes for the request log and, for an injected
 * connection reset, to send the status line, the headers and about half the body before
 * destroying the socket (platforms README §4). Working at this level makes resets behave the same
 * for `res.json`, `res.send` of XML, streamed bodies and `writeHead` + `end`.
 */
import type { ServerResponse } from 'node:http';

type Callback = (error?: Error | null) => void;

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
}

export class ResponseTap {
  /** Body bytes that reached the socket. */
  bytes = 0;
  private truncating = false;
  private readonly held: Buffer[] = [];

  constructor(private readonly response: ServerResponse) {
    const originalWrite = response.write.bind(response) as (chunk: unknown, encoding?: unknown, callback?: Callback) => boolean;
    const originalEnd = response.end.bind(response) as (chunk?: unknown, encoding?: unknown, callback?: () => void) => ServerResponse;

    response.write = ((chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
      const done = (typeof encoding === 'function' ? encoding : callback) as Callback | undefined;
      const buffer = toBuffer(chunk, encoding);
      if (this.truncating) {
        this.held.push(buffer);
        if (done) process.nextTick(done);
        return true;
      }
      this.bytes += buffer.length;
      return originalWrite(chunk, typeof encoding === 'function' ? undefined : encoding, done);
    }) as typeof response.write;

    response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown): ServerResponse => {
      const body = typeof chunk === 'function' || chunk === undefined || chunk === null ? undefined : chunk;
      const bodyEncoding = typeof encoding === 'function' ? undefined : encoding;
      if (this.truncating) {
        if (body !== undefined) this.held.push(toBuffer(body, bodyEncoding));
        this.sendHalfAndDestroy(originalWrite);
        return response;
      }
      if (body !== undefined) this.bytes += toBuffer(body, bodyEncoding).length;
      const done = [chunk, encoding, callback].find((argument) => typeof argument === 'function') as (() => void) | undefined;
      return originalEnd(body, bodyEncoding, done);
    }) as typeof response.end;
  }

  /** From now on the body is held back; at `end` only its first half is sent, then the socket dies. */
  truncate(): void {
    this.truncating = true;
  }

  private sendHalfAndDestroy(write: (chunk: unknown, encoding?: unknown, callback?: Callback) => boolean): void {
    const body = Buffer.concat(this.held);
    // The full length is announced, so a client can only see a short body as broken.
    if (!this.response.headersSent) this.response.setHeader('Content-Length', body.length);
    const half = body.subarray(0, Math.floor(body.length / 2));
    const destroy = (): void => {
      this.response.socket?.destroy();
      this.response.destroy();
    };
    this.bytes += half.length;
    if (half.length > 0) {
      write(half, undefined, destroy);
      return;
    }
    this.response.flushHeaders();
    const socket = this.response.socket;
    if (socket) socket.write(Buffer.alloc(0), destroy);
    else destroy();
  }
}
