/**
 * The panel's link to the lattice Monte Carlo worker: one module worker per mounted panel, typed messages in and
 * validated events out. Malformed events are ignored and surfaced as an error string.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GaugeResponse, WilsonLoopMeasurement, WilsonLoopOptions } from '../../../core/lattice';
import { validateLatticeEvent, type LatticeCommand } from '../../../worker/latticeProtocol';

export interface SamplingState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  runId: number;
  done: number;
  total: number;
  phase: 'thermalize' | 'measure' | null;
  sweepsPerSecond: number;
  error: string | null;
}

export interface LcnnState {
  runId: number;
  lcnn: GaugeResponse;
  baseline: GaugeResponse;
  parameters: number;
}

export function useLatticeWorker(onResult: (result: WilsonLoopMeasurement, links: Float64Array) => void) {
  const workerRef = useRef<Worker | null>(null);
  const runIdRef = useRef(0);
  const lastProgressRef = useRef(0);
  const onResultRef = useRef(onResult);
  onResultRef.current = onResult;
  const [sampling, setSampling] = useState<SamplingState>({ status: 'idle', runId: 0, done: 0, total: 0, phase: null, sweepsPerSecond: 0, error: null });
  const [lcnn, setLcnn] = useState<LcnnState | null>(null);
  const [workerError, setWorkerError] = useState<string | null>(null);

  useEffect(() => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('../../../worker/lattice.worker.ts', import.meta.url), { type: 'module', name: 'symmetry-lab-lattice' });
    } catch (err) {
      setWorkerError(`Could not start the Monte Carlo worker: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    workerRef.current = worker;
    worker.onmessage = (e: MessageEvent) => {
      const v = validateLatticeEvent(e.data);
      if (!v.ok) {
        setWorkerError(`Ignored a malformed message from the worker: ${v.error}`);
        return;
      }
      const ev = v.message;
      switch (ev.type) {
        case 'progress':
          if (ev.runId !== runIdRef.current) return;
          // At most ~8 progress renders a second: the worker reports every slice, the eye needs far fewer.
          if (performance.now() - lastProgressRef.current < 120 && ev.done > 0) return;
          lastProgressRef.current = performance.now();
          setSampling((s) => ({ ...s, status: 'running', done: ev.done, total: ev.total, phase: ev.phase, sweepsPerSecond: ev.sweepsPerSecond }));
          return;
        case 'result':
          if (ev.runId !== runIdRef.current) return;
          setSampling((s) => ({ ...s, status: 'done', done: s.total, phase: null, sweepsPerSecond: ev.result.sweepsPerSecond }));
          onResultRef.current(ev.result, ev.links);
          return;
        case 'cancelled':
          if (ev.runId !== runIdRef.current) return;
          setSampling((s) => ({ ...s, status: 'cancelled', phase: null }));
          return;
        case 'lcnnResult':
          setLcnn({ runId: ev.runId, lcnn: ev.lcnn, baseline: ev.baseline, parameters: ev.parameters });
          return;
        case 'error':
          if (ev.runId !== undefined && ev.runId === runIdRef.current) setSampling((s) => ({ ...s, status: 'error', error: ev.message }));
          else setWorkerError(ev.message);
          return;
      }
    };
    worker.onerror = (e) => setWorkerError(`Monte Carlo worker failed: ${e.message}`);
    return () => {
      worker.terminate();
      workerRef.current = null;
    };
  }, []);

  const post = (cmd: LatticeCommand, transfer: Transferable[] = []) => workerRef.current?.postMessage(cmd, transfer);

  const run = useCallback((options: WilsonLoopOptions) => {
    const runId = ++runIdRef.current;
    setSampling({ status: 'running', runId, done: 0, total: options.thermalize + options.sweeps, phase: 'thermalize', sweepsPerSecond: 0, error: null });
    post({ v: 1, type: 'run', runId, options });
  }, []);

  const cancel = useCallback(() => {
    post({ v: 1, type: 'cancel', runId: runIdRef.current });
  }, []);

  const compareNetworks = useCallback((group: 'U1' | 'SU2', L: number, links: Float64Array, seed: number) => {
    const copy = links.slice();
    post({ v: 1, type: 'lcnn', runId: seed, group, L, links: copy, seed }, [copy.buffer]);
  }, []);

  return { sampling, lcnn, workerError, run, cancel, compareNetworks };
}
