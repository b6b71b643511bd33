import Fastify from 'fastify';
import { loadSettings, systemClock } from '@tsforecast/config';
import { TokenVerifier } from '@tsforecast/service';
import { installAuthentication } from './authentication';
import { assertSafeToListen, isLoopback } from './listen-guard';

describe('secure by default', () => {
  it('refuses a non-loopback host when no token can be verified, naming what to set', () => {
    for (const host of ['127.0.0.1', '127.8.9.1', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'api.example.com', '128.0.0.1']) expect(isLoopback(host)).toBe(false);
    expect(() => assertSafeToListen('0.0.0.0', false)).toThrow(
      /^API_HOST=0\.0\.0\.0 is not a loopback address and neither JWT_SECRET nor JWT_JWKS_URL is set: .*Set JWT_SECRET \(at least 32/,
    );
    expect(() => assertSafeToListen('0.0.0.0', true)).not.toThrow();
    expect(() => assertSafeToListen('127.0.0.1', false)).not.toThrow();
  });

  it('fails at startup on a route that declares no access', async () => {
    const app = Fastify();
    installAuthentication(app, new TokenVerifier(loadSettings({ env: {}, cwd: '/nonexistent' }), systemClock), undefined);
    expect(() => app.get('/forgotten', async () => 'open')).toThrow(
      /^route GET \/forgotten declares no config\.access \(public, metrics or a scope\)$/,
    );
    app.get('/declared', { config: { access: 'public' } }, async () => 'open');
    expect((await app.inject({ method: 'GET', url: '/declared' })).statusCode).toBe(200);
  });
});
