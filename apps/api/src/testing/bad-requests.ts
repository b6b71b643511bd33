import type { TestApi } from './build-test-api';

/** One generated request that must be refused. */
export interface BadRequest {
  url: string;
  contentType: string;
  payload: string;
}

/** A small deterministic generator (mulberry32), so a failing case can be replayed by its index. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * POSTs `count` generated bad requests and requires each answer to be a 4xx in
 * the API's error shape (a 2xx or 5xx throws, naming the case to replay).
 * Returns how often each status came.
 */
export async function postBadRequests(
  api: TestApi,
  headers: Record<string, string>,
  count: number,
  make: (i: number) => BadRequest,
): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  for (let i = 0; i < count; i += 1) {
    const request = make(i);
    const response = await api.app.inject({
      method: 'POST',
      url: request.url,
      headers: { ...headers, 'content-type': request.contentType },
      payload: request.payload,
    });
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    if (response.statusCode < 400 || response.statusCode >= 500) {
      const sent = `${request.url} ${request.payload.slice(0, 120)}`;
      throw new Error(`case ${i}: ${sent} → ${response.statusCode} ${response.body.slice(0, 200)}`);
    }
    expect(response.json()).toMatchObject({ statusCode: response.statusCode, requestId: expect.any(String) });
  }
  return statuses;
}
