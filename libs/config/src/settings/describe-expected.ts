import type { ZodIssue } from 'zod';

/** Turns a zod issue into the "what was expected" half of an error message. */
export function describeExpected(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_enum_value':
      return `one of ${issue.options.map((o) => String(o)).join(', ')}`;
    case 'invalid_type':
      return issue.expected === 'number' ? 'a number' : `a ${issue.expected}`;
    case 'too_small':
      if (issue.type === 'string') return Number(issue.minimum) > 1 ? `at least ${String(issue.minimum)} characters` : 'a non-empty value';
      return issue.inclusive ? `a number >= ${String(issue.minimum)}` : `a number > ${String(issue.minimum)}`;
    case 'too_big':
      return issue.inclusive ? `a number <= ${String(issue.maximum)}` : `a number < ${String(issue.maximum)}`;
    case 'invalid_union':
      return 'true or false';
    case 'invalid_string':
      return issue.validation === 'url' ? 'a URL' : issue.message;
    default:
      return issue.message;
  }
}
