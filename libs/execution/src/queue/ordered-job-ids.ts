import { randomBytes } from 'node:crypto';

/** Jobs one call can order: the sequence has 30 bits (12 in `rand_a`, 18 in `rand_b`). */
const maxJobs = 2 ** 30;

/**
 * `count` job ids (UUID version 7: 48-bit Unix milliseconds first) that sort
 * in the order they are returned.
 *
 * Why: pg-boss hands out jobs by `priority DESC, created_on, id`, and the jobs
 * of one insert share `created_on` (the transaction's `now()`); with random
 * (v4) ids it handed a request's jobs out in a random order. With these, the
 * jobs of one insert are claimed in the order the caller gave, and a later
 * call's ids sort after an earlier one's (a later millisecond). The 74 bits
 * after the version hold a 30-bit sequence, then 44 random bits.
 * @internal
 *
 * @example
 * const [first, second] = orderedJobIds(2); // first < second, as strings and as PostgreSQL uuids
 */
export function orderedJobIds(count: number, now = Date.now()): string[] {
  if (!Number.isSafeInteger(count) || count < 0 || count > maxJobs) {
    throw new RangeError(`'count' must be an integer in [0, ${maxJobs}], got ${String(count)}`);
  }
  // Hex digits: 12 of time, '7', 3 of rand_a, then variant + 18 sequence bits + 44 random bits (16 digits).
  const time = (now % 2 ** 48).toString(16).padStart(12, '0');
  const random = randomBytes(6 * count);
  return Array.from({ length: count }, (_, i) => {
    const high = Math.floor(i / 2 ** 18); // rand_a: the sequence's high 12 bits
    const low = i % 2 ** 18;
    // 64 bits: '10' (variant), 18 bits of sequence, 44 random bits; as 4 + 12 hex digits.
    const head = (0b10 << 14) | (low >> 4); // 16 bits
    const tail = (BigInt(low & 0xf) << 44n) | (BigInt(`0x${random.toString('hex', 6 * i, 6 * i + 6)}`) & 0xfff_ffff_ffffn);
    const hex = `${time}7${high.toString(16).padStart(3, '0')}${head.toString(16).padStart(4, '0')}${tail.toString(16).padStart(12, '0')}`;
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  });
}
