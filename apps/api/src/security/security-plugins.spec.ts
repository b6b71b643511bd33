import Fastify from 'fastify';
import helmet from 'helmet';
import { loadSettings } from '@tsforecast/config';
import { installSecurity } from './security-plugins';

// The real helmet, counted: its middleware must be built once per app, not once per request.
jest.mock('helmet', () => {
  const actual = jest.requireActual<typeof import('helmet')>('helmet');
  return { __esModule: true, default: jest.fn((...args: Parameters<typeof actual.default>) => actual.default(...args)) };
});

describe('installSecurity', () => {
  it("sets helmet's headers on every response from one middleware built at start-up", async () => {
    const app = Fastify();
    await installSecurity(app, loadSettings({ env: {}, cwd: process.cwd() }));
    app.get('/ping', async () => 'pong');
    try {
      for (let i = 0; i < 3; i++) {
        const response = await app.inject({ method: 'GET', url: '/ping' });
        expect(response.statusCode).toBe(200);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
        expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      }
      expect(jest.mocked(helmet)).toHaveBeenCalledTimes(1);
    } finally {
      await app.close();
    }
  });
});
