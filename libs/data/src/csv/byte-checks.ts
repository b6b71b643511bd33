/** A byte-level problem in the input, located like the CSV problems (1-based line and field). @internal */
export interface ByteProblem {
  line: number;
  column: number;
  message: string;
}

const NUL = 0x00;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const COMMA = 0x2c;

const hex = (byte: number): string => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * Checks raw file bytes, chunk by chunk, before they are decoded: every byte
 * sequence must be well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates U+D800–DFFF, nothing above U+10FFFF) and no byte may be NUL
 * (PostgreSQL text cannot hold U+0000). A decoder without these checks would
 * turn Latin-1 bytes into U+FFFD silently.
 *
 * The location of a problem is the file line (every `\n` counts, as in the
 * CSV reader) and the 1-based field: commas outside double quotes since the
 * start of the record. `"`, `,` and `\n` never occur inside a multi-byte UTF-8
 * sequence, so counting them on bytes is exact.
 *
 * UTF-8 lead bytes and the range of the byte after them (Unicode 15, table 3-7):
 * `00–7F` alone; `C2–DF` + 1; `E0` + `A0–BF` + 1; `E1–EC`, `EE–EF` + 2;
 * `ED` + `80–9F` + 1; `F0` + `90–BF` + 2; `F1–F3` + 3; `F4` + `80–8F` + 2
 * (continuations are `80–BF` unless narrowed).
 *
 * @internal
 */
export class ByteChecker {
  private line = 1;
  private field = 1;
  private quoted = false;
  /** Continuation bytes still expected in the current sequence. */
  private pending = 0;
  /** Allowed range of the next continuation byte. */
  private low = 0x80;
  private high = 0xbf;
  /** Where the current multi-byte sequence started, for the message. */
  private sequenceLine = 1;
  private sequenceField = 1;

  /** Checks the next chunk; returns the first problem in it, or undefined. */
  check(bytes: Uint8Array): ByteProblem | undefined {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (this.pending > 0) {
        if (b < this.low || b > this.high) return this.invalid(b, 'is not a valid continuation of a multi-byte character');
        this.pending--;
        this.low = 0x80;
        this.high = 0xbf;
        continue;
      }
      if (b < 0x80) {
        if (b === NEWLINE) {
          this.line++;
          if (!this.quoted) this.field = 1;
        } else if (b === COMMA) {
          if (!this.quoted) this.field++;
        } else if (b === QUOTE) {
          this.quoted = !this.quoted;
        } else if (b === NUL) {
          return { line: this.line, column: this.field, message: 'NUL byte (0x00); expected text without NUL characters' };
        }
        continue;
      }
      if (!this.startSequence(b)) return this.invalid(b, 'cannot start a UTF-8 character');
    }
    return undefined;
  }

  /** Call at the end of the input: a multi-byte character cut off by the end is a problem. */
  finish(): ByteProblem | undefined {
    if (this.pending === 0) return undefined;
    return {
      line: this.sequenceLine,
      column: this.sequenceField,
      message: 'invalid UTF-8: the file ends inside a multi-byte character; expected UTF-8 text (the file may be truncated)',
    };
  }

  /** Sets up the continuation state after lead byte `b`; false if `b` is not a lead byte. */
  private startSequence(b: number): boolean {
    this.sequenceLine = this.line;
    this.sequenceField = this.field;
    if (b >= 0xc2 && b <= 0xdf) this.pending = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      this.pending = 2;
      if (b === 0xe0) this.low = 0xa0; // overlong below U+0800
      if (b === 0xed) this.high = 0x9f; // surrogates U+D800–DFFF
    } else if (b >= 0xf0 && b <= 0xf4) {
      this.pending = 3;
      if (b === 0xf0) this.low = 0x90; // overlong below U+10000
      if (b === 0xf4) this.high = 0x8f; // above U+10FFFF
    } else return false;
    return true;
  }

  private invalid(b: number, why: string): ByteProblem {
    return {
      line: this.line,
      column: this.field,
      message: `invalid UTF-8: byte ${hex(b)} ${why}; expected UTF-8 text (re-encode the file, e.g. from Latin-1)`,
    };
  }
}
