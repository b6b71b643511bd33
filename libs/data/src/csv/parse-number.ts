const ZERO = 48;
const NINE = 57;

/** Index after the run of digits starting at `i` (at most `to`). */
function skipDigits(text: string, i: number, to: number): number {
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) break;
    i++;
  }
  return i;
}

/** Whether `text[from, to)` is a decimal number: sign? digits [. digits] [e sign? digits]. */
function isDecimal(text: string, from: number, to: number): boolean {
  let i = from;
  const sign = (at: number): boolean => at < to && (text.charCodeAt(at) === 43 || text.charCodeAt(at) === 45); // + -
  if (sign(i)) i++;
  let end = skipDigits(text, i, to);
  let mantissaDigits = end - i;
  i = end;
  if (i < to && text.charCodeAt(i) === 46 /* . */) {
    end = skipDigits(text, i + 1, to);
    mantissaDigits += end - i - 1;
    i = end;
  }
  if (mantissaDigits === 0) return false;
  if (i < to && (text.charCodeAt(i) === 101 || text.charCodeAt(i) === 69) /* e E */) {
    i++;
    if (sign(i)) i++;
    end = skipDigits(text, i, to);
    if (end === i) return false;
    i = end;
  }
  return i === to;
}

/**
 * Parses a decimal number (`12`, `-0.5`, `1e3`, `.5`, `5.`); surrounding spaces
 * are ignored. Returns NaN for anything else: empty text, `NaN`, `Infinity`,
 * hex, thousands separators, and values that overflow to infinity. Plain
 * `Number()` would read `''` as 0 and `0x10` as 16.
 *
 * @example
 * parseNumber(' 4.5 ') // 4.5
 */
export function parseNumber(text: string): number {
  let from = 0;
  let to = text.length;
  while (from < to && text.charCodeAt(from) === 32) from++;
  while (to > from && text.charCodeAt(to - 1) === 32) to--;
  if (from === to || !isDecimal(text, from, to)) return Number.NaN;
  const value = Number(from === 0 && to === text.length ? text : text.slice(from, to));
  return Number.isFinite(value) ? value : Number.NaN;
}
