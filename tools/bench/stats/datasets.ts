import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { holdOut, readCsv, type SeriesFrame } from '@tsforecast/data';

/** One benchmark dataset: the series of `train.csv` with their last `h` points held out. */
export interface BenchDataset {
  name: string;
  /** The file the series were read from (part of the R cache key). */
  file: string;
  h: number;
  /** Season length from the manifest (also the MASE scale's lag). */
  m: number;
  train: SeriesFrame;
  test: SeriesFrame;
}

interface ManifestEntry {
  name: string;
  m: number;
  horizon: number | number[];
}

/** `manifest.json` entries by name; empty when the folder has no manifest. */
export function readManifest(dataDir: string): Map<string, ManifestEntry> {
  const file = path.join(dataDir, 'manifest.json');
  if (!existsSync(file)) return new Map();
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { datasets: ManifestEntry[] };
  return new Map(manifest.datasets.map((d) => [d.name, d]));
}

/**
 * Reads `<dataDir>/<name>/train.csv` (the first `limit` series when given)
 * and holds out the last h points of each series; `undefined` when the
 * dataset's folder or manifest entry is absent (the caller skips it).
 */
export async function loadDataset(
  dataDir: string,
  manifest: Map<string, ManifestEntry>,
  name: string,
  limit?: number,
): Promise<BenchDataset | undefined> {
  const entry = manifest.get(name);
  const file = path.join(dataDir, name, 'train.csv');
  if (entry === undefined || !existsSync(file)) return undefined;
  const h = Array.isArray(entry.horizon) ? entry.horizon[0]! : entry.horizon;
  const { frame } = await readCsv(file, { seasonLength: entry.m });
  const limited = limit === undefined ? frame : { ...frame, series: frame.series.slice(0, limit) };
  const { train, test } = holdOut(limited, h);
  return { name, file, h, m: entry.m, train, test };
}

/** Contiguous shares of `n` items for `parts` workers: `[start, end)` pairs, sizes differing by at most 1, none empty. */
export function contiguousShares(n: number, parts: number): Array<[number, number]> {
  const count = Math.max(1, Math.min(parts, n));
  const shares: Array<[number, number]> = [];
  for (let k = 0; k < count; k++) shares.push([Math.floor((k * n) / count), Math.floor(((k + 1) * n) / count)]);
  return shares.filter(([a, b]) => b > a);
}

/** The series `[start, end)` of a frame. */
export function shareOf(frame: SeriesFrame, [start, end]: [number, number]): SeriesFrame {
  return { ...frame, series: frame.series.slice(start, end) };
}
