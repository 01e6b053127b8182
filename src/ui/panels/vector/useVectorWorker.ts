/**
 * One vector-lab worker per mounted panel. Commands go out typed; events come back validated into the store.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { BackendName } from '../../../worker/protocol';
import { validateVectorEvent, type VectorCommand, type VectorLab } from '../../../worker/vectorProtocol';
import { useVectorStore } from './vectorStore';

export interface VectorWorkerClient {
  configure(lab: VectorLab, config: object, autoplay?: boolean): void;
  play(lab: VectorLab): void;
  pause(lab: VectorLab): void;
  step(lab: VectorLab, count?: number): void;
  reset(lab: VectorLab): void;
}

export function useVectorWorker(backend: BackendName | 'auto'): VectorWorkerClient {
  const ref = useRef<Worker | null>(null);
  const queue = useRef<VectorCommand[]>([]);
  /** The latest configure per lab, replayed to a fresh worker (StrictMode remount, backend change). */
  const lastConfigure = useRef<Partial<Record<VectorLab, VectorCommand>>>({});
  useEffect(() => {
    const store = useVectorStore.getState();
    let worker: Worker;
    try {
      worker = new Worker(new URL('../../../worker/vector.worker.ts', import.meta.url), { type: 'module', name: 'symmetry-lab-vector' });
    } catch (err) {
      store.setWorkerError(`Could not start the training worker: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    worker.onmessage = (e: MessageEvent) => {
      const v = validateVectorEvent(e.data);
      if (!v.ok) {
        useVectorStore.getState().setWorkerError(`Ignored a malformed message from the worker: ${v.error}`);
        return;
      }
      useVectorStore.getState().apply(v.message);
    };
    worker.onerror = (e) => useVectorStore.getState().setWorkerError(`The training worker failed: ${e.message}`);
    worker.postMessage({ v: 1, type: 'init', backend } satisfies VectorCommand);
    ref.current = worker;
    const replay = Object.values(lastConfigure.current).filter((c): c is VectorCommand => !!c);
    const pending = queue.current.filter((c) => c.type !== 'configure');
    for (const c of [...replay, ...pending]) worker.postMessage(c);
    queue.current = [];
    return () => {
      worker.terminate();
      ref.current = null;
    };
  }, [backend]);

  return useMemo(() => {
    const send = (c: VectorCommand) => {
      if (c.type === 'configure') lastConfigure.current[c.lab] = c;
      if (ref.current) ref.current.postMessage(c);
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
