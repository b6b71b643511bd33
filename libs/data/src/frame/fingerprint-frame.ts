import { createHash } from 'node:crypto';
import type { SeriesFrame } from './series-frame';

function bytes(values: Float64Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/**
 * A stable sha256 (hex) of a frame's content: series ids, timestamps, target
 * values and exogenous columns, in frame order. Lengths are hashed before each
 * part so that no two different frames share a byte stream. Frequency and
 * season length are settings, not data, and are left out. Floats are hashed as
 * their little-endian IEEE-754 bytes (the byte order of every platform Node
 * supports in practice).
 *
 * @example
 * fingerprintFrame(frame) // 'a3f1…' (64 hex digits)
 */
export function fingerprintFrame(frame: SeriesFrame): string {
  const hash = createHash('sha256');
  const count = new Float64Array(1);
  const length = (n: number): void => {
    count[0] = n;
    hash.update(bytes(count));
  };
  length(frame.series.length);
  length(frame.exogenousColumns.length);
  for (const name of frame.exogenousColumns) {
    length(Buffer.byteLength(name));
    hash.update(name);
  }
  for (const series of frame.series) {
    length(Buffer.byteLength(series.id));
    hash.update(series.id);
    length(series.y.length);
    hash.update(bytes(series.ds));
    hash.update(bytes(series.y));
    for (const name of frame.exogenousColumns) {
      const values = series.exogenous[name] ?? new Float64Array(0);
      length(values.length);
      hash.update(bytes(values));
    }
  }
  return hash.digest('hex');
}
