/** One check of `GET /ready`: what was checked, whether it passed, and (when not) why, without internals. */
export interface ReadinessCheck {
  readonly name: 'database' | 'migrations' | 'model-store';
  readonly ok: boolean;
  readonly detail: string;
}

/** Ready when every check passed. */
export interface Readiness {
  readonly ready: boolean;
  readonly checks: readonly ReadinessCheck[];
}
