/**
 * The NTK panel's handle on its worker: closed-form requests (latest answer wins) and the two button-started tfjs
 * tasks with their progress. Without module workers the closed form is computed on the page and the tasks are
 * reported as unavailable.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  isNtkEvent,
  type ClosedFormResult,
  type ClosedFormSetup,
  type ExperimentPlan,
  type ExperimentResult,
  type NtkCommand,
  type NtkTask,
  type WidthSweepRequest,
  type WidthSweepResult,
} from '../../../worker/ntkProtocol';
import { ClosedFormEngine } from './closedForm';

export interface TaskState<R> {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  runId: number;
  done: number;
  total: number;
  label: string;
  result: R | null;
  error: string | null;
  /** The configuration key the task ran for. */
  key: string | null;
}

const idle = <R,>(): TaskState<R> => ({ status: 'idle', runId: 0, done: 0, total: 1, label: '', result: null, error: null, key: null });

export interface ClosedFormState {
  result: ClosedFormResult | null;
  error: string | null;
  /** Page-measured time from request to answer (worker transfer included). */
  roundTripMs: number | null;
  /** Where the closed form ran. */
  where: 'worker' | 'page';
  pending: boolean;
}

type Body<C> = C extends { v: 1 } ? Omit<C, 'v'> : never;

export function useNtkWorker() {
  const workerRef = useRef<Worker | null>(null);
  const pageEngine = useRef<ClosedFormEngine | null>(null);
  const latestRequest = useRef(0);
  const sentAt = useRef(new Map<number, number>());
  const nextRun = useRef(1);
  const [closedForm, setClosedForm] = useState<ClosedFormState>({ result: null, error: null, roundTripMs: null, where: 'worker', pending: false });
  const [sweep, setSweep] = useState<TaskState<WidthSweepResult>>(idle);
  const [experiments, setExperiments] = useState<TaskState<ExperimentResult>>(idle);
  const [available, setAvailable] = useState(typeof Worker !== 'undefined');

  const setTask = useCallback((task: NtkTask, update: (s: TaskState<never>) => Partial<TaskState<never>>, runId: number) => {
    const apply = <R,>(s: TaskState<R>): TaskState<R> => (s.runId === runId ? { ...s, ...(update(s as TaskState<never>) as Partial<TaskState<R>>) } : s);
    if (task === 'widthSweep') setSweep(apply);
    else setExperiments(apply);
  }, []);

  useEffect(() => {
    if (typeof Worker === 'undefined') return;
    let worker: Worker;
    try {
      worker = new Worker(new URL('../../../worker/ntk.worker.ts', import.meta.url), { type: 'module', name: 'symmetry-lab-ntk' });
    } catch {
      setAvailable(false);
      return;
    }
    worker.onmessage = (e: MessageEvent) => {
      const ev = e.data;
      if (!isNtkEvent(ev)) return;
      switch (ev.type) {
        case 'closedForm': {
          if (ev.requestId !== latestRequest.current) return;
          // The round trip is timed to the first answer (μ_s); a second one adds the invariance defects.
          const t = sentAt.current.get(ev.requestId);
          sentAt.current.delete(ev.requestId);
          setClosedForm((s) => ({
            result: ev.result,
            error: null,
            roundTripMs: t !== undefined ? performance.now() - t : s.roundTripMs,
            where: 'worker',
            pending: false,
          }));
          return;
        }
        case 'progress':
          setTask(ev.task, () => ({ done: ev.done, total: ev.total, label: ev.label }), ev.runId);
          return;
        case 'widthSweep':
          setSweep((s) => (s.runId === ev.runId ? { ...s, status: 'done', result: ev.result, done: s.total } : s));
          return;
        case 'experiments':
          setExperiments((s) => (s.runId === ev.runId ? { ...s, status: 'done', result: ev.result, done: s.total } : s));
          return;
        case 'cancelled':
          setTask(ev.task, () => ({ status: 'cancelled' }), ev.runId);
          return;
        case 'error':
          if (ev.task === 'closedForm') {
            if (ev.requestId === latestRequest.current) setClosedForm((s) => ({ ...s, result: null, error: ev.message, pending: false }));
          } else if (ev.task && ev.runId !== undefined) {
            setTask(ev.task, () => ({ status: 'error', error: ev.message }), ev.runId);
          } else console.warn(`[symmetry-lab] ntk worker: ${ev.message}`);
          return;
      }
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      // Fall back to the page for the closed form; the tfjs tasks need the worker.
      workerRef.current = null;
      worker.terminate();
      setAvailable(false);
      const message = `the NTK worker failed: ${e.message || 'unknown error'}`;
      setSweep((s) => (s.status === 'running' ? { ...s, status: 'error', error: message } : s));
      setExperiments((s) => (s.status === 'running' ? { ...s, status: 'error', error: message } : s));
    };
    workerRef.current = worker;
    return () => {
      worker.terminate();
      workerRef.current = null;
    };
  }, [setTask]);

  const send = (body: Body<NtkCommand>) => workerRef.current?.postMessage({ v: 1, ...body });

  const requestClosedForm = useCallback((setup: ClosedFormSetup, lr: number, steps: number[]) => {
    const requestId = ++latestRequest.current;
    const worker = workerRef.current;
    if (worker) {
      sentAt.current.clear();
      sentAt.current.set(requestId, performance.now());
      setClosedForm((s) => ({ ...s, pending: true }));
      worker.postMessage({ v: 1, type: 'closedForm', requestId, setup, lr, steps } satisfies NtkCommand);
      return;
    }
    const t0 = performance.now();
    try {
      pageEngine.current ??= new ClosedFormEngine();
      pageEngine.current.computeDefects(setup);
      const result = pageEngine.current.compute(setup, lr, steps);
      setClosedForm({ result, error: null, roundTripMs: performance.now() - t0, where: 'page', pending: false });
    } catch (err) {
      setClosedForm({ result: null, error: err instanceof Error ? err.message : String(err), roundTripMs: null, where: 'page', pending: false });
    }
  }, []);

  const start = (task: NtkTask, key: string, command: (runId: number) => Body<NtkCommand>) => {
    const runId = nextRun.current++;
    const state: TaskState<never> = { ...idle<never>(), status: 'running', runId, label: 'queued', key };
    if (!workerRef.current) {
      const unavailable = { ...state, status: 'error' as const, error: 'this browser has no module workers; the measurement needs one' };
      if (task === 'widthSweep') setSweep(unavailable);
      else setExperiments(unavailable);
      return;
    }
    if (task === 'widthSweep') setSweep(state);
    else setExperiments(state);
    send(command(runId));
  };

  return {
    available,
    closedForm,
    requestClosedForm,
    sweep,
    experiments,
    startSweep: (request: WidthSweepRequest, key: string) => start('widthSweep', key, (runId) => ({ type: 'widthSweep', runId, request })),
    startExperiments: (plan: ExperimentPlan, key: string) => start('experiments', key, (runId) => ({ type: 'experiments', runId, plan })),
    cancel: (runId: number) => send({ type: 'cancel', runId }),
  };
}
