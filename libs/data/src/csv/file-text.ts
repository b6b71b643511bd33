import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { DataError } from '@tsforecast/config';
import { formatProblem } from '../validation/data-problem';
import { ByteChecker } from './byte-checks';

/** What identifies the exact bytes a read parsed. */
export interface FileFingerprint {
  /** sha256 (hex) of exactly the bytes parsed. */
  sha256: string;
  /** Bytes parsed (= the file's size, which did not change during the read). */
  size: number;
  /** Last modification time of the file, ISO 8601 UTC. */
  mtime: string;
}

/** Test seams of {@link fileText}. @internal */
export interface FileTextHooks {
  /** Bytes per read (default 256 KiB). */
  chunkBytes?: number;
  /** Called after each chunk was read, hashed and checked, before it is parsed. */
  afterChunk?: (bytesRead: number) => void | Promise<void>;
}

const DEFAULT_CHUNK = 256 * 1024;

// Rounded as Node rounds `Stats.mtime` (a Date from the fractional `mtimeMs`), so the two always agree.
const iso = (ms: number): string => new Date(Math.round(ms)).toISOString();

/**
 * Reads a file as UTF-8 text chunks, checking and hashing the bytes on the
 * way: NUL bytes and malformed UTF-8 stop the read with a located
 * {@link DataError}; a file whose size or mtime changed during the read, or
 * that gave fewer or more bytes than its size, is an error too (a copy still
 * being written would otherwise be trained on in part). `fingerprint` is set
 * when the generator has finished.
 *
 * @internal
 */
export class FileText {
  fingerprint: FileFingerprint | undefined;

  constructor(
    readonly path: string,
    private readonly hooks: FileTextHooks = {},
  ) {}

  async *chunks(): AsyncGenerator<string> {
    const handle = await open(this.path, 'r');
    try {
      const before = await handle.stat();
      if (!before.isFile()) throw new DataError(`cannot read data file '${this.path}': not a regular file`);
      yield* this.readAll(handle, before);
    } finally {
      await handle.close();
    }
  }

  private async *readAll(handle: FileHandle, before: Stats): AsyncGenerator<string> {
    const hash = createHash('sha256');
    const checker = new ByteChecker();
    // ignoreBOM: false drops a leading UTF-8 BOM; fatal is a second guard behind the checker.
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    const buffer = Buffer.allocUnsafe(this.hooks.chunkBytes ?? DEFAULT_CHUNK);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const bytes = buffer.subarray(0, bytesRead);
      total += bytesRead;
      hash.update(bytes);
      const problem = checker.check(bytes);
      if (problem !== undefined) throw new DataError(formatProblem(this.path, problem.line, problem.column, problem.message));
      await this.hooks.afterChunk?.(total);
      const text = decoder.decode(bytes, { stream: true });
      if (text.length > 0) yield text;
    }
    const problem = checker.finish();
    if (problem !== undefined) throw new DataError(formatProblem(this.path, problem.line, problem.column, problem.message));
    const tail = decoder.decode();
    if (tail.length > 0) yield tail;
    this.checkUnchanged(before, await handle.stat(), total);
    this.fingerprint = { sha256: hash.digest('hex'), size: total, mtime: iso(before.mtimeMs) };
  }

  /** Throws if the file's size or mtime moved, or the bytes read are not its size. */
  private checkUnchanged(before: Stats, after: Stats, bytesRead: number): void {
    const changes: string[] = [];
    if (after.size !== before.size) changes.push(`size ${before.size} → ${after.size} bytes`);
    if (after.mtimeMs !== before.mtimeMs) changes.push(`mtime ${iso(before.mtimeMs)} → ${iso(after.mtimeMs)}`);
    if (bytesRead !== before.size) changes.push(`${bytesRead} bytes read of ${before.size}`);
    if (changes.length === 0) return;
    throw new DataError(
      `${this.path}: the file changed while it was read (${changes.join(', ')}); ` +
        'expected a file that is not being written; read it again once it is complete',
    );
  }
}
