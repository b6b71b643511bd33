/**
 * Loads a value once per key and shares the promise with concurrent callers
 * (parallel runs of one experiment ask for its id together); a failed load is
 * forgotten, so the next call tries again.
 * @internal
 */
export class OncePerKey<T> {
  private readonly loaded = new Map<string, Promise<T>>();

  get(key: string, load: () => Promise<T>): Promise<T> {
    let value = this.loaded.get(key);
    if (value === undefined) {
      value = load();
      this.loaded.set(key, value);
      value.catch(() => this.loaded.delete(key));
    }
    return value;
  }
}
