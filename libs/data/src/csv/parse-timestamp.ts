/** The date formats the reader accepts, for messages. @internal */
export const TIMESTAMP_FORMATS = 'YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or YYYY-MM-DDTHH:MM[:SS], optionally ending in Z';

const ZERO = 48;
const DAY_MS = 86_400_000;

/** Value of the `width` decimal digits at `at`, or -1 if one is not a digit. */
function digits(text: string, at: number, width: number): number {
  let value = 0;
  for (let i = at; i < at + width; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). Plain arithmetic: `Date` is slow under jest's VM and this
 * runs once per CSV row.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // [0, 399]
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1; // [0, 365]
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // [0, 146096]
  return era * 146097 + doe - 719468;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DDTHH:MM[:SS]`, with
 * an optional trailing `Z`, as UTC epoch ms. Naive timestamps are read as UTC so
 * that no local time zone or daylight-saving shift enters the data. Returns NaN
 * for anything else, including impossible dates such as `2021-02-30`.
 *
 * @example
 * parseTimestamp('1949-01-01') // Date.UTC(1949, 0, 1)
 */
export function parseTimestamp(text: string): number {
  let length = text.length;
  if (length > 10 && text.charCodeAt(length - 1) === 90 /* Z */) length--;
  if (length !== 10 && length !== 16 && length !== 19) return Number.NaN;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN; // '-'
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return Number.NaN;
  if (day > (month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!)) return Number.NaN;
  let seconds = 0;
  if (length > 10) {
    const separator = text.charCodeAt(10);
    if ((separator !== 84 /* T */ && separator !== 32) || text.charCodeAt(13) !== 58 /* : */) return Number.NaN;
    const hour = digits(text, 11, 2);
    const minute = digits(text, 14, 2);
    const second = length === 19 ? (text.charCodeAt(16) === 58 ? digits(text, 17, 2) : -1) : 0;
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
    seconds = hour * 3600 + minute * 60 + second;
  }
  return daysFromCivil(year, month, day) * DAY_MS + seconds * 1000;
}
