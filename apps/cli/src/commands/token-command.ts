import type { Command } from 'commander';
import { parseScopes, parseTokenLifetime, TokenIssuer } from '@tsforecast/service';
import { settingsFrom, type GlobalFlags } from '../cli-context';

/**
 * `token create --sub <name> --scopes read,forecast --ttl 30d`: mints an HS256
 * API token with `JWT_SECRET` (no database needed). The token alone goes to
 * stdout, so `TOKEN=$(tsforecast token create …)` works; its expiry goes to stderr.
 */
export function registerTokenCommand(program: Command, globals: () => GlobalFlags): void {
  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .description('mint an API token signed with JWT_SECRET')
    .requiredOption('--sub <name>', 'who the token is for (recorded as the actor of registry changes)')
    .requiredOption('--scopes <list>', 'comma-separated: read, forecast, train, admin')
    .option('--ttl <duration>', 'lifetime: 30d, 12h, 15m or 90s (at most 366d)', '30d')
    .action(async (flags: { sub: string; scopes: string; ttl: string }) => {
      // Flags first: a bad scope or lifetime is reported before the settings are read.
      const scopes = parseScopes(flags.scopes);
      const ttlSeconds = parseTokenLifetime(flags.ttl);
      const issued = await new TokenIssuer(settingsFrom(globals()), { now: () => new Date() }).issue({
        subject: flags.sub,
        scopes,
        ttlSeconds,
      });
      process.stdout.write(`${issued.token}\n`);
      process.stderr.write(`token for '${flags.sub}' with scopes ${scopes.join(', ')}, expires ${issued.expiresAt.toISOString()}\n`);
    });
}
