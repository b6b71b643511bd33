import { normaliseAxes } from './axes';
import type { Lowering } from './op-def';

/**
 * Lowering of a reduction whose ONNX op takes `axes` as an attribute at opset
 * 17 (ReduceMax, ReduceMean; ReduceSum takes them as an input since opset 13).
 */
export function reduceWithAxesAttribute(onnx: 'ReduceMax' | 'ReduceMean'): Lowering<'reduceMax' | 'reduceMean'> {
  return ({ emit, inputs, output, attrs, inputMeta }) =>
    void emit.node(
      onnx,
      inputs,
      { axes: { ints: normaliseAxes(attrs.axes, inputMeta[0].shape.length) }, keepdims: { i: attrs.keepDims ? 1 : 0 } },
      output,
    );
}
