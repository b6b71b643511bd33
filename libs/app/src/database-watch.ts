/** Options of {@link watchDatabase}. */
export interface DatabaseWatchOptions {
  /** How often to ask; default 2 s. */
  everyMs?: number;
  /** Silence that counts as lost; default 10 s. */
  lostAfterMs?: number;
}

/** A running watch: `lost` resolves with a message once the database stopped answering; `stop()` ends the watch. */
export interface DatabaseWatch {
  readonly lost: Promise<string>;
  stop(): void;
}

/**
 * Asks the database a trivial question (`ping`, e.g. `SELECT 1`) every
 * `everyMs` and resolves `lost` when no answer came for `lostAfterMs`. A
 * `cli worker` on the embedded server uses it to exit when the server dies
 * (`kill -9` of its postmaster, OOM killer): its pool would keep asking the old
 * port forever, while a restarted worker starts the server again (on a new
 * port) and carries on; its lost jobs are retried by the reaper.
 *
 * @example
 * const watch = watchDatabase(() => database.dataSource.query('SELECT 1'), { lostAfterMs: 10_000 });
 * const reason = await watch.lost; // 'no answer from the database for 10 s (last error: connect ECONNREFUSED …)'
 */
export function watchDatabase(ping: () => Promise<unknown>, options: DatabaseWatchOptions = {}): DatabaseWatch {
  const everyMs = options.everyMs ?? 2000;
  const lostAfterMs = options.lostAfterMs ?? 10_000;
  let lastAnswer = Date.now();
  let asking = false;
  let timer: NodeJS.Timeout | undefined;
  const lost = new Promise<string>((resolve) => {
    timer = setInterval(() => {
      if (asking) return;
      asking = true;
      ping().then(
        () => {
          lastAnswer = Date.now();
          asking = false;
        },
        (error: unknown) => {
          asking = false;
          const silentMs = Date.now() - lastAnswer;
          if (silentMs < lostAfterMs) return;
          clearInterval(timer);
          const reason = error instanceof Error ? error.message : String(error);
          resolve(`no answer from the database for ${Math.round(silentMs / 1000)} s (last error: ${reason})`);
        },
      );
    }, everyMs);
    timer.unref();
  });
  return { lost, stop: () => clearInterval(timer) };
}
