import { Container } from 'inversify';
import { configModule, loadSettings, Logger } from '@tsforecast/config';
import { MemoryLogger } from '@tsforecast/config/testing';
import { GraphBuilder } from './builder/graph-builder';
import { compileEval } from './compile/compile-eval';
import { graphModule, SessionFactory } from './graph-module';

describe('graphModule', () => {
  it('binds a SessionFactory that takes backend and threads from the settings (and falls back to cpu)', async () => {
    const settings = loadSettings({
      env: { DEFAULT_BACKEND: 'cuda', ENABLE_GPU: 'true', ORT_THREADS: '1', GPU_MEMORY_LIMIT: '512' },
      dotenvPath: '/nonexistent/.env',
    });
    const container = new Container();
    await container.load(configModule(settings), graphModule);
    const logger = new MemoryLogger();
    await container.unbind(Logger);
    container.bind<Logger>(Logger).toConstantValue(logger);
    const factory = container.get<SessionFactory>(SessionFactory);
    expect(factory.options).toEqual({ backend: 'cuda', threads: 1, gpuMemoryLimitMb: 512 });
    const g = new GraphBuilder();
    g.output('y', g.relu(g.input('x', [2])));
    const { backend, session } = await factory.create(compileEval(g).model);
    expect(backend).toBe('cpu');
    expect(logger.records.map((r) => r.message)).toEqual([
      expect.stringMatching(/^execution provider 'cuda' unavailable \(.+\); using 'cpu'$/),
    ]);
    await session.release();
  });
});
