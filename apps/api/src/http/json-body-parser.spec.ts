import Fastify, { type FastifyInstance } from 'fastify';
import { installJsonBodyParser } from './json-body-parser';

// The parser must answer every body as Fastify's own JSON parser does (same status, same error code, same parsed
// value): the same echo route on two apps, one with Fastify's parser and one with ours.
describe('installJsonBodyParser', () => {
  let fastifys: FastifyInstance;
  let ours: FastifyInstance;

  const echoApp = async (install: boolean) => {
    const app = Fastify();
    if (install) installJsonBodyParser(app);
    app.post('/echo', async (request) => ({
      body: request.body,
      prototypeIntact: Object.getPrototypeOf(request.body ?? {}) === Object.prototype,
    }));
    await app.ready();
    return app;
  };

  beforeAll(async () => {
    fastifys = await echoApp(false);
    ours = await echoApp(true);
  });
  afterAll(async () => {
    await fastifys.close();
    await ours.close();
  });

  const bodies: [string, string][] = [
    ['an object', '{"model":"NHITS@1","series":[{"unique_id":"a","ds":["2024-01-01"],"y":[1.5]}]}'],
    ['an array', '[1,2,3]'],
    ['a string', '"x"'],
    ['a number', '42'],
    ['null', 'null'],
    ['whitespace around', ' \n {"a": 1} \t'],
    ['an empty body', ''],
    ['invalid JSON', '{"a":'],
    ['trailing garbage', '{"a":1} x'],
    ['a __proto__ key', '{"a":1,"__proto__":{"admin":true}}'],
    ['a nested __proto__ key', '{"series":[{"__proto__":{"x":1}}]}'],
    ['an escaped __proto__ key', '{"\\u005f\\u005fproto__":{"admin":true}}'],
    ['constructor.prototype', '{"constructor":{"prototype":{"admin":true}}}'],
    ['an escaped constructor key', '{"\\u0063onstructor":{"prototype":{"x":1}}}'],
    ['a constructor key without prototype', '{"constructor":{"name":"x"}}'],
    ['__proto__ as a value', '{"unique_id":"__proto__","note":"constructor"}'],
    ['unicode escapes elsewhere', '{"unique_id":"\\u00e9\\u20ac","y":[1]}'],
    ['raw unicode', '{"unique_id":"é€😀"}'],
  ];

  it.each(bodies)('answers %s as Fastify does', async (_name, payload) => {
    const request = { method: 'POST' as const, url: '/echo', headers: { 'content-type': 'application/json' }, payload };
    const [expected, actual] = await Promise.all([fastifys.inject(request), ours.inject(request)]);
    expect(actual.statusCode).toBe(expected.statusCode);
    expect(actual.json()).toEqual(expected.json());
  });

  it('refuses proto poisoning with 400, as Fastify does', async () => {
    const response = await ours.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__":{"admin":true}}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('FST_ERR_CTP_INVALID_JSON_BODY');
  });
});
