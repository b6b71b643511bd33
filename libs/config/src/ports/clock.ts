/** Time source, injectable so that tests can fix it. */
export const Clock = Symbol('Clock');
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
