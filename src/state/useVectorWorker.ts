/**
 * One vector-lab worker per mounted panel. Commands go out typed; events come back validated into the store.
 *
 * The worker is supervised: if it crashes or is terminated, a new one starts and each lab resumes from the last
 * checkpoint its old worker posted (after every snapshot from step 1 on), or restarts its configuration when none
 * came yet, playing on if it was playing. A lost GPU device does the same on the next backend. The snapshots already
 * on the page stay on the timeline, and the panel says what happened.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { EnsembleCheckpoint } from '../core/ensemble/ensembleCheckpoint';
import type { BackendName } from '../worker/protocol';
import { capitalise, SupervisedWorker } from './supervisedWorker';
import { VECTOR_LABS, validateVectorEvent, type VectorCommand, type VectorLab } from '../worker/vectorProtocol';
import { useVectorStore } from './vectorStore';

export interface VectorWorkerClient {
  configure(lab: VectorLab, config: object, autoplay?: boolean): void;
  play(lab: VectorLab): void;
  pause(lab: VectorLab): void;
  step(lab: VectorLab, count?: number): void;
  reset(lab: VectorLab): void;
}

const LAB_NAMES: Record<VectorLab, string> = { plane: 'plane lab', cross: '3D lab' };

export function useVectorWorker(backend: BackendName | 'auto'): VectorWorkerClient {
  const ref = useRef<SupervisedWorker | null>(null);
  const queue = useRef<VectorCommand[]>([]);
  /** The latest configure per lab, replayed to a fresh worker (StrictMode remount, backend change, crash). */
  const lastConfigure = useRef<Partial<Record<VectorLab, Extract<VectorCommand, { type: 'configure' }>>>>({});
  /** The newest checkpoint per lab, with the run it belongs to. */
  const checkpoints = useRef<Partial<Record<VectorLab, { runId: number; checkpoint: EnsembleCheckpoint }>>>({});

  useEffect(() => {
    const supervised = new SupervisedWorker({
      label: 'vector lab worker',
      faultTarget: 'vector',
      pauseWhenHidden: true,
      create: () => new Worker(new URL('../worker/vector.worker.ts', import.meta.url), { type: 'module', name: 'symmetry-lab-vector' }),
      onMessage: (data) => {
        const v = validateVectorEvent(data);
        if (!v.ok) {
          useVectorStore.getState().setWorkerError(`Ignored a malformed message from the worker: ${v.error}`);
          return;
        }
        const ev = v.message;
        if (ev.type === 'checkpoint') {
          // A checkpoint of a run already replaced (posted just after a reconfigure) must not shadow the new run.
          if (ev.runId === useVectorStore.getState()[ev.lab].runId) checkpoints.current[ev.lab] = { runId: ev.runId, checkpoint: ev.checkpoint };
          return;
        }
        if (ev.type === 'config') {
          // Run ids are the worker's, and a replacement counts from 1 again: a resumed run takes its checkpoint over
          // to its new id (a second fault before its next snapshot resumes from the same one), a new run drops it.
          const kept = checkpoints.current[ev.lab];
          if (kept && ev.resumedFrom === kept.checkpoint.step) kept.runId = ev.runId;
          else delete checkpoints.current[ev.lab];
        }
        if (ev.type === 'error' && ev.kind === 'device-lost') {
          supervised.deviceLost(useVectorStore.getState().backend?.name as BackendName | undefined, ev.message);
          return;
        }
        useVectorStore.getState().apply(ev);
      },
      onSpawn: (reason, post, { exclude, nextBackend }) => {
        post({ v: 1, type: 'init', backend, exclude } satisfies VectorCommand);
        if (reason === null) {
          const replay = Object.values(lastConfigure.current).filter((c): c is Extract<VectorCommand, { type: 'configure' }> => !!c);
          const pending = queue.current.filter((c) => c.type !== 'configure');
          for (const c of [...replay, ...pending]) post(c);
          queue.current = [];
          return;
        }
        const state = useVectorStore.getState();
        const resumed: string[] = [];
        for (const lab of VECTOR_LABS) {
          const labState = state[lab];
          const running = labState.status === 'running';
          const cp = checkpoints.current[lab];
          if (cp && cp.runId === labState.runId) {
            post({ v: 1, type: 'resume', lab, config: labState.config as unknown as Record<string, unknown>, checkpoint: cp.checkpoint, autoplay: running } satisfies VectorCommand);
            resumed.push(`the ${LAB_NAMES[lab]} from step ${cp.checkpoint.step}`);
          } else {
            const c = lastConfigure.current[lab];
            if (!c) continue;
            post({ ...c, autoplay: running || c.autoplay });
            if (labState.step > 0 || running) resumed.push(`the ${LAB_NAMES[lab]} from its start`);
          }
        }
        const where = nextBackend ? ' on the next backend' : '';
        const what = resumed.length ? `resumed ${resumed.join(' and ')}` : 'no run was in progress';
        useVectorStore.getState().setRecovery(`${capitalise(reason)}. Restarted the vector lab worker${where}; ${what}.`);
      },
      onGiveUp: (message) => useVectorStore.getState().setWorkerError(message),
    });
    ref.current = supervised.alive ? supervised : null;
    return () => {
      supervised.dispose();
      ref.current = null;
    };
  }, [backend]);

  return useMemo(() => {
    const send = (c: VectorCommand) => {
      if (c.type === 'configure') lastConfigure.current[c.lab] = c;
      if (ref.current) ref.current.post(c);
      else queue.current.push(c);
    };
    return {
      configure: (lab, config, autoplay) => send({ v: 1, type: 'configure', lab, config: config as Record<string, unknown>, autoplay }),
      play: (lab) => send({ v: 1, type: 'start', lab }),
      pause: (lab) => send({ v: 1, type: 'pause', lab }),
      step: (lab, count = 1) => send({ v: 1, type: 'step', lab, count }),
      reset: (lab) => send({ v: 1, type: 'reset', lab }),
    };
  }, []);
}
