/**
 * What the two recording scripts share (scripts/record-runs.ts, scripts/record-images.ts): their command line,
 * `[--backend wasm|cpu] [id …]`, the tfjs backend started before any run (wasm by default: the one the workers use
 * in headless Chromium), and the error exit.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

export interface RecordingCommandLine {
  /** The tfjs backend the runs are computed on. */
  backend: string;
  /** Whether the recording `id` was asked for (all are when the command line names none). */
  wanted(id: string): boolean;
}

/** Read `[--backend name] [id …]` from `args`. */
export function parseRecordingArgs(args: string[]): RecordingCommandLine {
  const bi = args.indexOf('--backend');
  const backend = bi >= 0 ? args[bi + 1] : 'wasm';
  const ids = args.filter((a, i) => !a.startsWith('--') && (bi < 0 || i !== bi + 1));
  return { backend, wanted: (id) => ids.length === 0 || ids.includes(id) };
}

/** Run a recording script: parse the command line, start its backend, run `record`; any failure exits with 1. */
export function runRecordingScript(record: (cli: RecordingCommandLine) => Promise<void>): void {
  const cli = parseRecordingArgs(process.argv.slice(2));
  (async () => {
    if (!(await tf.setBackend(cli.backend))) throw new Error(`backend ${cli.backend} did not start`);
    await tf.ready();
    await record(cli);
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
