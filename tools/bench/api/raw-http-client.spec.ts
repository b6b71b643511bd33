import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { awaitedResponse, RawHttpClient, readResponse, type Pending } from './raw-http-client';

/** A real HTTP server on loopback whose answer depends on the path; it records what it was sent. */
function startServer(): Promise<{ server: Server; port: number; seen: { method: string; url: string; auth: string; body: string }[] }> {
  const seen: { method: string; url: string; auth: string; body: string }[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        auth: request.headers.authorization ?? '',
        body: Buffer.concat(chunks).toString(),
      });
      if (request.url === '/chunked') {
        response.write('a'.repeat(70_000)); // several chunks, some split across reads
        setTimeout(() => response.end('tail'), 5);
      } else if (request.url === '/missing') {
        response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"no"}');
      } else if (request.url === '/big') {
        response.end(Buffer.alloc(1_000_000, 'x'));
      } else if (request.url === '/hang-up') {
        request.socket.destroy();
      } else response.end(JSON.stringify({ ok: true }));
    });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, port: (server.address() as AddressInfo).port, seen })));
}

describe('RawHttpClient', () => {
  let server: Server;
  let port: number;
  let seen: { method: string; url: string; auth: string; body: string }[];
  let client: RawHttpClient;

  beforeAll(async () => {
    ({ server, port, seen } = await startServer());
    client = new RawHttpClient(port, 'the-token');
  });
  afterAll(async () => {
    client.close();
    await new Promise((done) => server.close(done));
  });

  it('sends method, path, token and body, and reads each kind of answer to its end', async () => {
    const body = Buffer.from(JSON.stringify({ series: [1, 2, 3] }));
    expect((await client.send('POST', '/forecast', body)).status).toBe(200);
    expect(seen.at(-1)).toEqual({ method: 'POST', url: '/forecast', auth: 'Bearer the-token', body: body.toString() });
    expect((await client.send('GET', '/missing')).status).toBe(404);
    expect((await client.send('GET', '/chunked')).status).toBe(200);
    expect((await client.send('GET', '/big')).status).toBe(200);
    // the same keep-alive socket served them all, one after the other
    const again = await client.send('POST', '/forecast', body);
    expect(again.status).toBe(200);
    expect(again.ms).toBeGreaterThan(0);
  });

  it('opens more sockets for concurrent requests, and counts a hang-up as status 0', async () => {
    const statuses = await Promise.all(Array.from({ length: 20 }, () => client.send('GET', '/chunked').then((s) => s.status)));
    expect(statuses).toEqual(Array.from({ length: 20 }, () => 200));
    expect((await client.send('GET', '/hang-up')).status).toBe(0);
    expect((await client.send('GET', '/')).status).toBe(200);
  });
});

describe('readResponse', () => {
  const pending = (): Pending => awaitedResponse(() => undefined);

  /** Feeds a response one byte at a time: the outcome after each byte, where it was defined. */
  function byteByByte(text: string): (number | undefined)[] {
    const p = pending();
    return [...Buffer.from(text)].map((byte) => readResponse(p, Buffer.from([byte])));
  }

  it('is complete exactly at the last byte of a Content-Length body', () => {
    const outcomes = byteByByte('HTTP/1.1 201 Created\r\nContent-Length: 5\r\n\r\nhello');
    expect(outcomes.at(-1)).toBe(201);
    expect(outcomes.slice(0, -1).every((o) => o === undefined)).toBe(true);
  });

  it('is complete exactly at the end of a chunked body', () => {
    const outcomes = byteByByte(
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1a\r\n' + 'b'.repeat(26) + '\r\n0\r\n\r\n',
    );
    expect(outcomes.at(-1)).toBe(200);
    expect(outcomes.slice(0, -1).every((o) => o === undefined)).toBe(true);
  });

  it('calls a response malformed when it is not HTTP or holds more than it announced', () => {
    expect(readResponse(pending(), Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'))).toBe(0);
    expect(readResponse(pending(), Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nabc'))).toBe(0);
  });
});
