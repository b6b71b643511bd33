import type { ValueTransformer } from 'typeorm';

/**
 * node-postgres returns `bigint` columns as strings (they may exceed 2^53).
 * Durations in ms and file sizes in bytes stay far below that, so they are
 * read back as plain numbers.
 * @internal
 */
export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
