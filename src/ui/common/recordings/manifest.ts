/**
 * The recorded runs shipped in public/recordings/. Each is the toy example at a stated config and seed, computed by
 * scripts/record-runs.ts with the worker's engine (ToyRun). tests/unit/recordings regenerates each one and checks
 * every recorded snapshot against the binary: all steps on the tfjs wasm backend, the first `ciSteps` on the CPU one.
 */
import { DEFAULT_CONFIG, type EnsembleConfig } from '../../../core/ensemble/config';
import type { RecordedField } from './format';

export interface RecordingSpec {
  id: string;
  file: string;
  label: string;
  config: EnsembleConfig;
  memberIndex: number;
  fields: RecordedField[];
  /** Steps the unit test also retrains on the CPU backend (a second float32 implementation); wasm checks every step. */
  ciSteps: number;
}

export const RECORDINGS: RecordingSpec[] = [
  {
    id: 'toy-default',
    file: 'toy-default.bin',
    label: 'the default toy run: C8, E=64, 2×64, lr 0.25, seed 1, 2000 steps',
    config: DEFAULT_CONFIG,
    memberIndex: 0,
    fields: ['mean', 'member', 'noAugMean'],
    ciSteps: 3,
  },
  {
    id: 'toy-c4-small',
    file: 'toy-c4-small.bin',
    label: 'a small C4 run: E=16, 2×32, lr 0.25, seed 7, 100 steps',
    config: { ...DEFAULT_CONFIG, group: { kind: 'cyclic', n: 4 }, ensembleSize: 16, width: 32, seed: 7, steps: 100, compareNoAugmentation: false },
    memberIndex: 0,
    fields: ['mean', 'member'],
    ciSteps: 100,
  },
];

export function findRecording(id: string | null | undefined): RecordingSpec | undefined {
  return RECORDINGS.find((r) => r.id === id);
}

/** The recording whose config equals `config` exactly, if any: a default figure plays it instead of training. */
export function recordingForConfig(config: EnsembleConfig): RecordingSpec | undefined {
  const key = JSON.stringify(config);
  return RECORDINGS.find((r) => JSON.stringify(r.config) === key);
}
