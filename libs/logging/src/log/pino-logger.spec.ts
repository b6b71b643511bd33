import { mkdtempSync, readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { createLogger } from './pino-logger';

function capture(format: 'json' | 'text') {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const logger = createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: format }, stream);
  return { logger, text: () => chunks.join('') };
}

describe('createLogger', () => {
  it('writes JSON lines with fields and child bindings', () => {
    const { logger, text } = capture('json');
    logger.child({ run: 'r1' }).info('run started', { model: 'Naive' });
    logger.debug('hidden at info level');
    const lines = text()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'run started', model: 'Naive', run: 'r1', level: 30 });
  });

  it('redacts passwords in messages', () => {
    const { logger, text } = capture('json');
    logger.error('cannot reach postgres://app:topsecret@db:5432/x');
    expect(text()).toContain('postgres://app:***@db:5432/x');
    expect(text()).not.toContain('topsecret');
  });

  it('writes readable text lines', () => {
    const { logger, text } = capture('text');
    logger.warn('slow step', { step: 3 });
    expect(text()).toMatch(/WARN.*slow step/);
    expect(text()).toMatch(/step: 3/);
  });
});

describe('createLogger with LOG_DIR', () => {
  it('also appends JSON lines to <LOG_DIR>/tsforecast.log', () => {
    const dir = `${mkdtempSync('/tmp/tsf-logdir-')}/nested`;
    const stream = new PassThrough();
    const logger = createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'text', LOG_DIR: dir }, stream);
    logger.info('to both', { k: 1 });
    const line = JSON.parse(readFileSync(`${dir}/tsforecast.log`, 'utf8').trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ msg: 'to both', k: 1 });
  });
});
