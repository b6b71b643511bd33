import { jsonArrayBody } from './json-array-body';

// The answer must be byte for byte what JSON.stringify writes for the same object, key order included.
describe('jsonArrayBody', () => {
  const cases: [string, Record<string, unknown>, string, unknown[]][] = [
    [
      'a forecast answer',
      { model: 'NHITS@4' },
      'forecasts',
      [{ unique_id: 'a', ds: ['2024-01-01T00:00:00'], y_hat: [1.5, -0.1], 'lo-80': [1] }],
    ],
    ['no items', { model: 'NHITS@4' }, 'forecasts', []],
    ['no head', {}, 'items', [1, 'two', null, [3]]],
    ['several head keys', { model: 'm', count: 2, nested: { a: [1] } }, 'forecasts', [{ x: 1 }, { y: 2 }]],
    ['unicode and escapes', { 'mödel "q"': 'é\n€😀' }, 'séries', [{ unique_id: '日本\u2028"\\' }, 'ü']],
    [
      'repeated and changing arrays',
      { model: 'm' },
      'forecasts',
      [
        { unique_id: 'a', ds: ['x', 'y'], y_hat: [1, 2] },
        { unique_id: 'b', ds: ['x', 'y'], y_hat: [1, 2] },
        { unique_id: 'c', ds: ['x', 'z'], y_hat: [1, 2, 3] },
        { unique_id: 'd', ds: ['x', 'z'], y_hat: [-0, Number.NaN] },
        { unique_id: 'e', ds: ['x', 'z'], y_hat: [0, Number.NaN], extra: [[1], { a: 1 }] },
        { unique_id: 'f', ds: ['x', 'z'], y_hat: [0, Number.NaN], extra: [[1], { a: 2 }] },
      ],
    ],
    [
      'items JSON.stringify writes in its own way',
      {},
      'items',
      [
        { a: 1, toJSON: () => 'custom' },
        { nested: { b: [1] } },
        { when: new Date(0), f: () => 1, u: undefined, s: Symbol('s') },
        { 2: 'two', 1: 'one', z: true, n: null },
        [1, [2]],
      ],
    ],
    ['values JSON.stringify writes as null in arrays', { model: 'm' }, 'forecasts', [undefined, () => 1, Number.NaN, Infinity]],
  ];

  it.each(cases)('writes the same bytes as JSON.stringify: %s', (_name, head, key, items) => {
    const body = jsonArrayBody(head, key, items);
    const expected = JSON.stringify({ ...head, [key]: items });
    expect(body.toString('utf8')).toBe(expected);
    expect(body.length).toBe(Buffer.byteLength(expected));
  });

  it('writes 1,000 series of 24 points as JSON.stringify does', () => {
    const forecasts = Array.from({ length: 1000 }, (_, i) => ({
      unique_id: `s${i}`,
      ds: Array.from({ length: 24 }, (_, t) => `2024-01-${String(1 + (t % 28)).padStart(2, '0')}T00:00:00`),
      y_hat: Array.from({ length: 24 }, (_, t) => Math.fround(Math.sin(i + t) * 100)),
    }));
    expect(jsonArrayBody({ model: 'NHITS@1' }, 'forecasts', forecasts).toString()).toBe(JSON.stringify({ model: 'NHITS@1', forecasts }));
  });
});
