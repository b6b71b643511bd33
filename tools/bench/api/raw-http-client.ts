import { connect, type Socket } from 'node:net';
import type { Sample } from './load';

/** One response being read: where its head ends, how long its body is, and who waits for it. */
export interface Pending {
  readonly began: bigint;
  readonly done: (sample: Sample) => void;
  head: Buffer | undefined;
  status: number;
  /** Body bytes still to come (Content-Length), or -1 until the head is read. */
  remaining: number;
  chunked: boolean;
  /** Chunked bodies only: the bytes of an unfinished chunk-size line or chunk kept between reads. */
  tail: Buffer | undefined;
  close: boolean;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/** A response not read yet, timed from now, whose outcome goes to `done`. */
export function awaitedResponse(done: (sample: Sample) => void): Pending {
  return { began: process.hrtime.bigint(), done, head: undefined, status: 0, remaining: -1, chunked: false, tail: undefined, close: false };
}

/**
 * A lean HTTP/1.1 load generator over keep-alive sockets, as `wrk` is: requests are bytes encoded once (head and
 * body in one buffer, written with one call), answers are read for their status and length and dropped. It sends
 * the same requests as {@link HttpClient} (same method, path, `Authorization`, `Content-Type`, `Content-Length`) and
 * measures the same thing: from the write to the last byte of the answer. It exists because Node's `http` client
 * (an `Agent`, a `ClientRequest`, an `IncomingMessage` and a stream per call) cost ~1 ms of CPU per call on the
 * 2-core bench machine, as much as half of what the server spends on a one-series forecast, and that CPU is taken
 * from the server it measures. One request per socket at a time (no pipelining); a new socket when all are busy.
 */
export class RawHttpClient {
  private readonly idle: Socket[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly requests = new WeakMap<Buffer, Buffer>();
  private readonly heads = new Map<string, Buffer>();
  /** The response each busy socket is reading. */
  private readonly waiting = new Map<Socket, Pending>();

  constructor(
    private readonly port: number,
    private readonly token: string,
  ) {}

  /** Sends one request and resolves with its status and client-side latency (socket errors count as status 0). */
  send(method: 'GET' | 'POST', path: string, body?: Buffer): Promise<Sample> {
    const bytes = this.encoded(method, path, body);
    return new Promise((done) => {
      const socket = this.idle.pop() ?? this.open();
      this.waiting.set(socket, awaitedResponse(done));
      socket.write(bytes);
    });
  }

  close(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.idle.length = 0;
  }

  /** The request's bytes: the head for its method, path and length, then the body; kept per body buffer. */
  private encoded(method: string, path: string, body: Buffer | undefined): Buffer {
    if (body !== undefined) {
      const known = this.requests.get(body);
      if (known) return known;
    }
    const length = body?.length ?? 0;
    const key = `${method} ${path} ${body === undefined ? '-' : length}`;
    let head = this.heads.get(key);
    if (!head) {
      const lines = [`${method} ${path} HTTP/1.1`, `Host: 127.0.0.1:${this.port}`, `Authorization: Bearer ${this.token}`];
      if (body !== undefined) lines.push('Content-Type: application/json', `Content-Length: ${length}`);
      head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
      this.heads.set(key, head);
    }
    if (body === undefined) return head;
    const bytes = Buffer.concat([head, body]);
    this.requests.set(body, bytes);
    return bytes;
  }

  private open(): Socket {
    const socket = connect({ host: '127.0.0.1', port: this.port, noDelay: true });
    this.sockets.add(socket);
    const finish = (status: number) => {
      const pending = this.waiting.get(socket);
      if (!pending) return;
      this.waiting.delete(socket);
      pending.done({ ms: Number(process.hrtime.bigint() - pending.began) / 1e6, status });
      if (status === 0 || pending.close) {
        this.sockets.delete(socket);
        socket.destroy();
      } else this.idle.push(socket);
    };
    socket.on('data', (chunk: Buffer) => {
      const pending = this.waiting.get(socket);
      if (!pending) {
        socket.destroy(); // bytes nobody asked for: not a server to measure
        return;
      }
      const outcome = readResponse(pending, chunk);
      if (outcome !== undefined) finish(outcome);
    });
    const fail = () => {
      this.sockets.delete(socket);
      const i = this.idle.indexOf(socket);
      if (i >= 0) this.idle.splice(i, 1);
      finish(0);
    };
    socket.on('error', fail);
    socket.on('close', fail);
    return socket;
  }
}

/**
 * Reads one more piece of a response: its status once the head is whole, then counts the body's bytes (by
 * `Content-Length`, or chunk by chunk). Returns the status when the response is complete, 0 for a malformed one,
 * undefined while bytes are still to come.
 */
export function readResponse(pending: Pending, chunk: Buffer): number | undefined {
  let data = chunk;
  if (pending.remaining < 0) {
    const head = pending.head ? Buffer.concat([pending.head, data]) : data;
    const end = head.indexOf(CRLF2);
    if (end < 0) {
      pending.head = head;
      return undefined;
    }
    pending.head = undefined;
    const text = head.toString('latin1', 0, end);
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(text);
    if (!status) return 0;
    pending.status = Number(status[1]);
    pending.close = /\r\nconnection:\s*close/i.test(text);
    pending.chunked = /\r\ntransfer-encoding:\s*chunked/i.test(text);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
    pending.remaining = pending.chunked ? 0 : length ? Number(length[1]) : 0;
    data = head.subarray(end + 4);
  }
  if (!pending.chunked) {
    pending.remaining -= data.length;
    if (pending.remaining < 0) return 0; // more bytes than announced
    return pending.remaining === 0 ? pending.status : undefined;
  }
  return readChunks(pending, data);
}

/** Chunked transfer coding: skips each `size\r\n data\r\n` until the `0\r\n\r\n` that ends it. */
function readChunks(pending: Pending, more: Buffer): number | undefined {
  let data = pending.tail ? Buffer.concat([pending.tail, more]) : more;
  pending.tail = undefined;
  for (;;) {
    if (pending.remaining > 0) {
      // inside a chunk: its data and the CRLF after it
      const take = Math.min(pending.remaining, data.length);
      pending.remaining -= take;
      data = data.subarray(take);
      if (pending.remaining > 0) return undefined;
    }
    const line = data.indexOf('\r\n');
    if (line < 0) {
      pending.tail = data;
      return undefined;
    }
    const size = parseInt(data.toString('latin1', 0, line), 16);
    if (!Number.isFinite(size)) return 0;
    if (size === 0) {
      // the last chunk; no trailers are sent by the server measured
      if (data.length < line + 4) {
        pending.tail = data;
        return undefined;
      }
      return pending.status;
    }
    pending.remaining = size + 2;
    data = data.subarray(line + 2);
  }
}
