// A process that opens the embedded server on DATA_DIR=argv[2] the way every
// tsforecast process does, prints {"port","pid"} (the postmaster's) and its own
// log lines as JSON, then exits, or with argv[3] === 'hold' stays alive until
// killed (the "starter killed with kill -9" cases).
import { silentLogger, type Logger } from '@tsforecast/config';
import { ensureEmbeddedServer } from '../embedded-server';

const logger: Logger = {
  ...silentLogger,
  info: (message: string) => process.stdout.write(`${JSON.stringify({ log: message })}\n`),
  warn: (message: string) => process.stdout.write(`${JSON.stringify({ log: message })}\n`),
  child: () => logger,
};

ensureEmbeddedServer(process.argv[2]!, process.cwd(), logger).then(
  (server) => {
    process.stdout.write(`${JSON.stringify({ port: server.port, pid: server.pid })}\n`);
    if (process.argv[3] === 'hold') setInterval(() => undefined, 60_000);
  },
  (error: unknown) => {
    process.stdout.write(`${JSON.stringify({ error: (error as Error).message })}\n`);
    process.exitCode = 1;
  },
);
