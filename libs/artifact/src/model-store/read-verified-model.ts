import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '@tsforecast/config';
import type { ModelVersion } from '@tsforecast/db';
import type { ModelMetadata } from './model-metadata';
import { parseModelMetadata } from './model-metadata-schema';

/** sha256 of bytes, lower-case hex. @internal */
export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Reads a registered model's files and fails closed: the database record is
 * the reference. A neural model's `model.onnx` must exist and hash to the
 * record's `sha256` (and to the one in `metadata.json`); a model without
 * weights is checked by the hash of its `metadata.json`. Then the metadata is
 * validated and must agree with the record (name, kind). Any mismatch is a
 * {@link DataError} naming the file and both hashes.
 * @internal
 */
export async function readVerifiedModel(record: ModelVersion): Promise<{ metadata: ModelMetadata; onnx?: Uint8Array }> {
  const ref = `model ${record.name}@${record.version}`;
  const metadataPath = join(record.artifactPath, 'metadata.json');
  const metadataBytes = await readArtifact(metadataPath, ref);
  const recordedKind = (record.metadata as { kind?: unknown }).kind;
  let onnx: Uint8Array | undefined;
  if (recordedKind === 'neural') {
    const onnxPath = join(record.artifactPath, 'model.onnx');
    onnx = await readArtifact(onnxPath, ref);
    requireHash(onnx, record.sha256, onnxPath, ref);
  } else {
    requireHash(metadataBytes, record.sha256, metadataPath, ref);
  }
  const metadata = parseModelMetadata(Buffer.from(metadataBytes).toString('utf8'), metadataPath);
  if (metadata.model !== record.name || metadata.kind !== recordedKind) {
    throw new DataError(
      `${ref}: ${metadataPath} describes ${metadata.kind} model '${metadata.model}', the database records ${String(recordedKind)} model '${record.name}'`,
    );
  }
  if (onnx !== undefined && metadata.sha256 !== record.sha256) {
    throw new DataError(
      `${ref}: ${metadataPath} gives sha256 ${String(metadata.sha256)} for model.onnx, the database records ${record.sha256}`,
    );
  }
  return onnx === undefined ? { metadata } : { metadata, onnx };
}

async function readArtifact(path: string, ref: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new DataError(`${ref}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function requireHash(bytes: Uint8Array, expected: string, path: string, ref: string): void {
  const actual = sha256Hex(bytes);
  if (actual !== expected) {
    throw new DataError(
      `${ref}: ${path} does not match its registered checksum: sha256 ${actual}, the database records ${expected}; the file is corrupt or was changed`,
    );
  }
}
