import type { Dataset } from '../entities/tracking/dataset';

/**
 * Reads of registered data sets (table `datasets`). The tracking store's
 * `registerDataset` stays the one writer; this only finds them.
 *
 * @example
 * const dataset = await lookup.get(id);
 * const newest = await lookup.list(20);
 */
export const DatasetLookup = Symbol('DatasetLookup');
export interface DatasetLookup {
  /** The data set with this id; NotFoundError otherwise (any text, a non-uuid included). */
  get(id: string): Promise<Dataset>;
  /** Newest first; default 100. */
  list(limit?: number): Promise<Dataset[]>;
}
