/**
 * The panel's link to the lattice Monte Carlo worker: one module worker per mounted panel, typed messages in and
 * validated events out. Malformed events are ignored and surfaced as an error string.
 *
 * The worker is supervised: if it crashes or is killed, a new one starts and the run in progress resumes from the
 * last checkpoint the old worker posted (about once a second), or from its start if none came yet. The seeded
 * stream continues exactly, so the result equals an uninterrupted run's. The panel says what happened.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GaugeResponse, WilsonLoopCheckpoint, WilsonLoopMeasurement, WilsonLoopOptions } from '../core/lattice';
import { validateLatticeEvent, type LatticeCommand } from '../worker/latticeProtocol';
import { capitalise, SupervisedWorker } from './supervisedWorker';
import { usePanelBackendStore } from './panelBackendStore';

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
  const workerRef = useRef<SupervisedWorker | null>(null);
  const runIdRef = useRef(0);
  const lastProgressRef = useRef(0);
  const onResultRef = useRef(onResult);
  onResultRef.current = onResult;
  /** The run in flight (options and its latest checkpoint) and an unanswered L-CNN request: replayed after a crash. */
  const inFlightRef = useRef<{ runId: number; options: WilsonLoopOptions; checkpoint: WilsonLoopCheckpoint | null } | null>(null);
  const lcnnPendingRef = useRef<LatticeCommand | null>(null);
  const [sampling, setSampling] = useState<SamplingState>({ status: 'idle', runId: 0, done: 0, total: 0, phase: null, sweepsPerSecond: 0, error: null });
  const [lcnn, setLcnn] = useState<LcnnState | null>(null);
  const [workerError, setWorkerError] = useState<string | null>(null);
  const [recovery, setRecovery] = useState<string | null>(null);

  useEffect(() => {
    const onMessage = (data: unknown) => {
      const v = validateLatticeEvent(data);
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
        case 'checkpoint':
          if (inFlightRef.current?.runId === ev.runId) inFlightRef.current.checkpoint = ev.checkpoint;
          return;
        case 'result':
          if (ev.runId !== runIdRef.current) return;
          inFlightRef.current = null;
          setSampling((s) => ({ ...s, status: 'done', done: s.total, phase: null, sweepsPerSecond: ev.result.sweepsPerSecond }));
          onResultRef.current(ev.result, ev.links);
          return;
        case 'cancelled':
          if (ev.runId !== runIdRef.current) return;
          inFlightRef.current = null;
          setSampling((s) => ({ ...s, status: 'cancelled', phase: null }));
          return;
        case 'lcnnResult':
          lcnnPendingRef.current = null;
          setLcnn({ runId: ev.runId, lcnn: ev.lcnn, baseline: ev.baseline, parameters: ev.parameters });
          return;
        case 'error':
          if (ev.runId !== undefined && ev.runId === runIdRef.current) {
            inFlightRef.current = null;
            setSampling((s) => ({ ...s, status: 'error', error: ev.message }));
          } else setWorkerError(ev.message);
          return;
      }
    };
    const supervised = new SupervisedWorker({
      label: 'Monte Carlo worker',
      faultTarget: 'lattice',
      pauseWhenHidden: true,
      create: () => new Worker(new URL('../worker/lattice.worker.ts', import.meta.url), { type: 'module', name: 'symmetry-lab-lattice' }),
      onMessage,
      onSpawn: (reason, post) => {
        if (reason === null) return;
        const run = inFlightRef.current;
        if (run) {
          const cp = run.checkpoint;
          if (cp) post({ v: 1, type: 'resume', runId: run.runId, checkpoint: cp } satisfies LatticeCommand);
          else post({ v: 1, type: 'run', runId: run.runId, options: run.options } satisfies LatticeCommand);
          setRecovery(`${capitalise(reason)}. Restarted it and resumed the run from ${cp ? `sweep ${cp.done}` : 'its start'}.`);
        } else setRecovery(`${capitalise(reason)}. Restarted it.`);
        if (lcnnPendingRef.current) post(lcnnPendingRef.current);
      },
      onGiveUp: (message) => {
        setWorkerError(message);
        setSampling((s) => (s.status === 'running' ? { ...s, status: 'error', error: message } : s));
      },
    });
    workerRef.current = supervised;
    const owner = 'Monte Carlo worker';
    usePanelBackendStore.getState().report({ owner, name: 'JavaScript', reason: 'float64 Monte Carlo in plain JavaScript; no tfjs backend is needed' });
    return () => {
      usePanelBackendStore.getState().clear(owner);
      supervised.dispose();
      workerRef.current = null;
    };
  }, []);

  const post = (cmd: LatticeCommand, transfer: Transferable[] = []) => workerRef.current?.post(cmd, transfer);

  const run = useCallback((options: WilsonLoopOptions) => {
    const runId = ++runIdRef.current;
    inFlightRef.current = { runId, options, checkpoint: null };
    setRecovery(null);
    setSampling({ status: 'running', runId, done: 0, total: options.thermalize + options.sweeps, phase: 'thermalize', sweepsPerSecond: 0, error: null });
    post({ v: 1, type: 'run', runId, options });
  }, []);

  const cancel = useCallback(() => {
    post({ v: 1, type: 'cancel', runId: runIdRef.current });
  }, []);

  const compareNetworks = useCallback((group: 'U1' | 'SU2', L: number, links: Float64Array, seed: number) => {
    // Kept (uncopied) until answered, to re-send after a crash; each send transfers a fresh copy.
    const cmd: LatticeCommand = { v: 1, type: 'lcnn', runId: seed, group, L, links: links.slice(), seed };
    lcnnPendingRef.current = cmd;
    post({ ...cmd, links: cmd.links.slice() });
  }, []);

  return { sampling, lcnn, workerError, recovery, run, cancel, compareNetworks };
}
