/**
 * The vector lab's training pool, one per mounted panel (VectorPool: the members of each lab split across
 * `workers=` workers). Commands a panel sends before the pool exists are kept and replayed to it: the latest
 * configure per lab (also after a StrictMode remount or a backend change) and the transport commands after it.
 *
 * Faults: a crashed or terminated worker is replaced and resumes its slice of each lab from the last checkpoint it
 * posted (after every snapshot from step 1 on), or restarts its slice when none came yet, playing on if the lab was
 * playing; a lost GPU device does the same on the next backend. The snapshots already on the page stay on the
 * timeline, and the panel says what happened.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { BackendName } from '../worker/protocol';
import type { VectorLab } from '../worker/vectorProtocol';
import { poolSizeFromParams } from './poolUrl';
import { VectorPool, type VectorWorkerClient } from './vectorPool';

export type { VectorWorkerClient } from './vectorPool';

type Pending = { lab: VectorLab; run: (client: VectorWorkerClient) => void };

export function useVectorWorker(backend: BackendName | 'auto'): VectorWorkerClient {
  const ref = useRef<VectorPool | null>(null);
  const queue = useRef<Pending[]>([]);
  /** The latest configure per lab, replayed to a fresh pool. */
  const lastConfigure = useRef<Partial<Record<VectorLab, { config: object; autoplay?: boolean }>>>({});

  useEffect(() => {
    const params = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
    const { workers, notices } = poolSizeFromParams(params, backend);
    const pool = new VectorPool(backend, workers, notices);
    ref.current = pool;
    for (const [lab, c] of Object.entries(lastConfigure.current)) if (c) pool.configure(lab as VectorLab, c.config, c.autoplay);
    for (const p of queue.current) p.run(pool);
    queue.current = [];
    return () => {
      pool.dispose();
      ref.current = null;
    };
  }, [backend]);

  return useMemo(() => {
    const send = (lab: VectorLab, run: (client: VectorWorkerClient) => void) => {
      if (ref.current) run(ref.current);
      else queue.current.push({ lab, run });
    };
    return {
      configure: (lab, config, autoplay) => {
        lastConfigure.current[lab] = { config, autoplay };
        // A configure replaces the lab's pending commands: the fresh pool replays it from lastConfigure.
        if (ref.current) ref.current.configure(lab, config, autoplay);
        else queue.current = queue.current.filter((p) => p.lab !== lab);
      },
      play: (lab) => send(lab, (c) => c.play(lab)),
      pause: (lab) => send(lab, (c) => c.pause(lab)),
      step: (lab, count = 1) => send(lab, (c) => c.step(lab, count)),
      reset: (lab) => send(lab, (c) => c.reset(lab)),
    };
  }, []);
}
