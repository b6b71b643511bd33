/**
 * `JSON.stringify({ ...head, [key]: items })` as one Buffer, for an answer
 * whose bulk is one array (a 1,000-series forecast: 1 MB). The same bytes,
 * written without one string of the whole answer: `JSON.stringify` of a large
 * value returns a string of many pieces, which sending first copies into a new
 * flat string and then into the socket's buffer — two fresh megabytes a
 * request, each page of which this machine's kernel faults in (~3 ms a MB,
 * a third of that request's page faults). Here each item is stringified on its
 * own (small strings, young and flat) and written into one Buffer, which
 * Fastify sends as it is. `head` must not hold `key`.
 *
 * @example
 * reply.type('application/json; charset=utf-8').send(jsonArrayBody({ model }, 'forecasts', forecasts));
 */
export function jsonArrayBody(head: Readonly<Record<string, unknown>>, key: string, items: readonly unknown[]): Buffer {
  const opening = JSON.stringify(head).slice(0, -1);
  const prefix = `${opening}${opening === '{' ? '' : ','}${JSON.stringify(key)}:[`;
  const parts = new Array<string>(items.length);
  let bytes = Buffer.byteLength(prefix) + 2 + Math.max(0, items.length - 1);
  for (let i = 0; i < items.length; i++) {
    // As JSON.stringify writes an array element: null for what it would leave out of an object.
    const part = JSON.stringify(items[i]) ?? 'null';
    parts[i] = part;
    bytes += Buffer.byteLength(part);
  }
  const body = Buffer.allocUnsafe(bytes);
  let at = body.write(prefix, 0);
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) body[at++] = 0x2c; // ,
    at += body.write(parts[i]!, at);
  }
  body[at++] = 0x5d; // ]
  body[at++] = 0x7d; // }
  return body;
}
