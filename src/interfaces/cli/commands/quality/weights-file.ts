/** `--weights FILE`: a JSON object overriding any subset of the quality weights (core/quality/weights.ts). */
import { readFileSync } from 'node:fs';
import { UsageError } from '../../../../core/errors.ts';
import {
  DEFAULT_QUALITY_WEIGHTS,
  type QualityWeights,
  withWeights,
} from '../../../../core/quality/weights.ts';

export function readWeights(file: string | undefined): QualityWeights {
  if (file === undefined) return DEFAULT_QUALITY_WEIGHTS;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--weights ${file}: ${(error as Error).message}`);
  }
  try {
    return withWeights(json);
  } catch (error) {
    throw new UsageError(`--weights ${file}: ${(error as Error).message}`);
  }
}
