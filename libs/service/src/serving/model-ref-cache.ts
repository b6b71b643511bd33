import type { ModelVersion } from '@tsforecast/db';

/**
 * Model references resolved to versions, each kept `ttlMs` so that a forecast
 * costs no database query: `NAME@production` follows a promotion after at
 * most `ttlMs`. Concurrent lookups of one reference share one query; a
 * failed lookup (an unknown model) is not kept.
 * @internal
 */
export class ModelRefCache {
  private readonly resolved = new Map<string, { at: number; version: Promise<ModelVersion> }>();

  constructor(
    private readonly find: (ref: string) => Promise<ModelVersion>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(ref: string): Promise<ModelVersion> {
    const at = this.now();
    const cached = this.resolved.get(ref);
    if (cached !== undefined && at - cached.at < this.ttlMs) return cached.version;
    const version = this.find(ref);
    if (this.ttlMs > 0) {
      this.resolved.set(ref, { at, version });
      version.catch(() => this.resolved.delete(ref));
    }
    return version;
  }
}
