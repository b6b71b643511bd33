import { TsforecastError } from '@tsforecast/config';

/** The request carries no valid credentials (missing, expired, badly signed, wrong algorithm): HTTP 401. */
export class AuthenticationError extends TsforecastError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { ...options, exitCode: 2 });
  }
}

/** Valid credentials that lack the scope the action needs: HTTP 403. */
export class PermissionError extends TsforecastError {
  constructor(message: string) {
    super(message, { exitCode: 2 });
  }
}
