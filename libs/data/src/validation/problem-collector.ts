import { DataError } from '@tsforecast/config';
import { formatProblem, type DataProblem, type DataProblemCode } from './data-problem';

/** Order in which classes are listed in the error message. */
const ORDER: readonly DataProblemCode[] = [
  'header',
  'truncated',
  'field-count',
  'empty-id',
  'bad-id',
  'bad-date',
  'bad-number',
  'out-of-range',
  'duplicate',
  'frequency',
  'irregular',
  'unsorted',
];

/** Limits of a {@link ProblemCollector}. @internal */
export interface ProblemLimits {
  /** Problems kept (and listed) per class; the rest are only counted. */
  capPerClass: number;
  /** Stop at this many problems in all: `add` throws the error right away. */
  maxErrors: number;
}

/**
 * Collects the problems of a file, so that one run reports many of them, and
 * throws them as one {@link DataError}. Memory stays bounded on any input:
 * each class keeps its first `capPerClass` problems and counts the rest, and
 * the `maxErrors`-th problem ends the read (a file where every row is bad
 * needs no more than that to be understood).
 *
 * @internal
 */
export class ProblemCollector {
  private readonly kept = new Map<DataProblemCode, DataProblem[]>();
  private readonly counts = new Map<DataProblemCode, number>();
  private total = 0;
  private readonly limits: ProblemLimits;

  constructor(
    readonly file: string,
    limits: Partial<ProblemLimits> = {},
  ) {
    this.limits = { capPerClass: limits.capPerClass ?? 20, maxErrors: limits.maxErrors ?? Number.POSITIVE_INFINITY };
  }

  /** Records a problem; throws the collected ones once `maxErrors` is reached. */
  add(code: DataProblemCode, line: number, column: number, message: string): void {
    const count = this.counts.get(code) ?? 0;
    this.counts.set(code, count + 1);
    this.total++;
    if (count < this.limits.capPerClass) {
      const list = this.kept.get(code) ?? [];
      list.push({ code, file: this.file, line, column, message, text: formatProblem(this.file, line, column, message) });
      this.kept.set(code, list);
    }
    if (this.total >= this.limits.maxErrors) {
      throw new DataError(`${this.file}: stopped after ${this.total} problems (maxErrors); the first by class:\n${this.listing()}`);
    }
  }

  /** Number of problems seen. */
  get count(): number {
    return this.total;
  }

  /** The kept problems (at most `capPerClass` per class), by class then line. */
  list(): DataProblem[] {
    return ORDER.flatMap((code) => this.sorted(code));
  }

  /** Throws one DataError listing the problems (capped per class) if there is any. */
  throwIfAny(): void {
    if (this.total === 0) return;
    const noun = this.total === 1 ? 'problem' : 'problems';
    throw new DataError(`${this.file}: ${this.total} data ${noun}:\n${this.listing()}`);
  }

  private sorted(code: DataProblemCode): DataProblem[] {
    return [...(this.kept.get(code) ?? [])].sort((a, b) => a.line - b.line || a.column - b.column);
  }

  private listing(): string {
    const lines: string[] = [];
    for (const code of ORDER) {
      for (const problem of this.sorted(code)) lines.push(`  ${problem.text}`);
      const rest = (this.counts.get(code) ?? 0) - this.limits.capPerClass;
      if (rest > 0) lines.push(`  ... and ${rest} more ${code} problems`);
    }
    return lines.join('\n');
  }
}
