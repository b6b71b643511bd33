import { redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  it('hides URL passwords and password= pairs', () => {
    expect(redactSecrets('postgres://u:p%40ss@host:5432/db')).toBe('postgres://u:***@host:5432/db');
    expect(redactSecrets('host=x password=secret user=y')).toBe('host=x password=*** user=y');
    expect(redactSecrets('postgres://host/db')).toBe('postgres://host/db');
  });
});
