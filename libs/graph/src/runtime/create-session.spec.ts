import * as ort from 'onnxruntime-node';
import { GraphBuilder } from '../builder/graph-builder';
import { exportInference } from '../compile/export-inference';
import { createSession } from './create-session';

/** The session options ORT was asked for when a tiny model was loaded with `options`. */
async function optionsAskedFor(options: Parameters<typeof createSession>[1]): Promise<ort.InferenceSession.SessionOptions> {
  const g = new GraphBuilder({ seed: 1 });
  g.output('y', g.dense('lin', g.input('x', ['B', 2]), 1));
  const create = jest.spyOn(ort.InferenceSession, 'create');
  try {
    const { session } = await createSession(exportInference(g, {}, { outputs: ['y'] }).bytes, options);
    await session.release();
    return create.mock.calls[0]![1] as ort.InferenceSession.SessionOptions;
  } finally {
    create.mockRestore();
  }
}

describe('createSession', () => {
  it('lets idle intra-op threads sleep unless spinning is asked for', async () => {
    expect((await optionsAskedFor({ threads: 2 })).extra).toEqual({ session: { intra_op: { allow_spinning: '0' } } });
    expect((await optionsAskedFor({ threads: 2, spinning: true })).extra).toBeUndefined();
  });
});
