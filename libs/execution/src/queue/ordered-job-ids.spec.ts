import { orderedJobIds } from './ordered-job-ids';

describe('orderedJobIds', () => {
  it('returns distinct version-7 UUIDs that sort in the order given, across the sequence bits', () => {
    const ids = orderedJobIds(300_000, 1_764_000_000_000);
    expect(new Set(ids).size).toBe(ids.length);
    const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(ids.filter((id) => !uuidV7.test(id))).toEqual([]);
    // 2^18 = 262,144: the sequence carries from rand_b into rand_a.
    expect(ids.findIndex((id, i) => i > 0 && id <= ids[i - 1]!)).toBe(-1);
    expect(ids[2 ** 18]!.slice(15, 18)).toBe('001');
    expect(ids[0]!.startsWith('019ab697-e800')).toBe(true); // 1,764,000,000,000 ms = 0x19ab697e800
  });

  it("sorts a later millisecond's ids after an earlier one's", () => {
    const [earlier] = orderedJobIds(5, 1_000).slice(-1);
    const [later] = orderedJobIds(1, 1_001);
    expect(later! > earlier!).toBe(true);
  });

  it('rejects a count outside [0, 2^30]', () => {
    expect(() => orderedJobIds(-1)).toThrow(/'count' must be an integer in \[0, 1073741824\], got -1/);
    expect(orderedJobIds(0)).toEqual([]);
  });
});
