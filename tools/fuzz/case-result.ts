import type { Violation } from './invariants';

/** What one fuzz case did. */
export interface CaseResult {
  index: number;
  klass: string;
  kind: 'csv' | 'cli';
  outcome: 'accepted' | 'rejected';
  violations: Violation[];
  /** The message or output, shortened, for a failing case's report. */
  detail: string;
  ms: number;
}

/** The first 600 characters of a text, for reports. */
export const shorten = (text: string): string => (text.length > 600 ? `${text.slice(0, 600)}…` : text);
