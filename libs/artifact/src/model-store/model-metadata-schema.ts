import { DataError } from '@tsforecast/config';
import { z, type ZodIssue } from 'zod';
import type { ModelMetadata } from './model-metadata';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case hex sha256 (64 characters)');

/** Fields every saved model has. JSON turns NaN metrics into null, so null is allowed there. */
const common = {
  formatVersion: z.literal(1),
  model: z.string().min(1),
  hyperparameters: z.record(z.unknown()),
  h: z.number().int().min(1),
  scaler: z.string().optional(),
  quantiles: z.array(z.number()).optional(),
  frequency: z.object({ unit: z.string().min(1), step: z.number().int().min(1) }),
  seasonLength: z.number().int().min(1),
  trainingFingerprint: z.string(),
  metrics: z.record(z.number().nullable()),
  createdAt: z.string(),
  runId: z.string().min(1),
};

/**
 * `metadata.json` as written by the model store. A neural model must name its
 * ONNX file's checksum, its window length and opset; baselines and statistical
 * models store no weights (they fit on the given history at predict time).
 */
export const modelMetadataSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('neural'), inputSize: z.number().int().min(1), opset: z.number().int().min(1), sha256: sha256Hex }),
  z.object({
    ...common,
    kind: z.enum(['baseline', 'statistical']),
    inputSize: z.number().int().min(1).optional(),
    opset: z.number().int().min(1).optional(),
    sha256: sha256Hex.optional(),
  }),
]);

/**
 * Parses the text of a `metadata.json`; anything else than a complete, valid
 * metadata object is a {@link DataError} naming the file and every bad field.
 *
 * @example
 * const metadata = parseModelMetadata(await readFile(path, 'utf8'), path);
 */
export function parseModelMetadata(text: string, file: string): ModelMetadata {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  // Common fields first, so that a stripped file names every missing field, not only 'kind'.
  const base = z.object({ ...common, kind: z.enum(['neural', 'baseline', 'statistical']) }).safeParse(value);
  if (!base.success) throw new DataError(`${file} is not valid model metadata: ${base.error.issues.map(describeIssue).join('; ')}`);
  const parsed = modelMetadataSchema.safeParse(value);
  if (!parsed.success) throw new DataError(`${file} is not valid model metadata: ${parsed.error.issues.map(describeIssue).join('; ')}`);
  return parsed.data as ModelMetadata;
}

function describeIssue(issue: ZodIssue): string {
  const field = issue.path.length === 0 ? '(the whole file)' : `'${issue.path.join('.')}'`;
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return `${field} is missing (expected ${issue.expected})`;
  if (issue.code === 'invalid_literal' && issue.received === undefined)
    return `${field} is missing (expected ${JSON.stringify(issue.expected)})`;
  if (issue.code === 'invalid_union_discriminator') return `${field} must be one of ${issue.options.map(String).join(', ')}`;
  return `${field}: ${issue.message}`;
}
