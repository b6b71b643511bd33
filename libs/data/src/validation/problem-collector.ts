import { DataError } from '@tsforecast/config';
import { formatProblem, type DataProblem, type DataProblemCode } from './data-problem';

/** Order in which classes are listed in the error message. */
const ORDER: readonly DataProblemCode[] = [
  'header', 'field-count', 'empty-id', 'bad-date', 'bad-number', 'duplicate', 'frequency', 'irregular', 'unsorted',
];

/**
 * Collects every problem of a file, so that one run reports all of them, and
 * throws them as one {@link DataError}. Each class lists at most `capPerClass`
 * problems and counts the rest.
 *
 * @internal
 */
export class ProblemCollector {
  private readonly byCode = new Map<DataProblemCode, DataProblem[]>();
  private total = 0;

  constructor(
    readonly file: string,
    private readonly capPerClass = 20,
  ) {}

  add(code: DataProblemCode, line: number, column: number, message: string): void {
    const list = this.byCode.get(code) ?? [];
    list.push({ code, file: this.file, line, column, message, text: formatProblem(this.file, line, column, message) });
    this.byCode.set(code, list);
    this.total++;
  }

  /** Number of problems collected. */
  get count(): number {
    return this.total;
  }

  /** All problems, by class then line. */
  list(): DataProblem[] {
    return ORDER.flatMap((code) => [...(this.byCode.get(code) ?? [])].sort((a, b) => a.line - b.line || a.column - b.column));
  }

  /** Throws one DataError listing every problem (capped per class) if there is any. */
  throwIfAny(): void {
    if (this.total === 0) return;
    const lines: string[] = [];
    for (const code of ORDER) {
      const list = (this.byCode.get(code) ?? []).sort((a, b) => a.line - b.line || a.column - b.column);
      for (const problem of list.slice(0, this.capPerClass)) lines.push(`  ${problem.text}`);
      if (list.length > this.capPerClass) lines.push(`  ... and ${list.length - this.capPerClass} more ${code} problems`);
    }
    const noun = this.total === 1 ? 'problem' : 'problems';
    throw new DataError(`${this.file}: ${this.total} data ${noun}:\n${lines.join('\n')}`);
  }
}
