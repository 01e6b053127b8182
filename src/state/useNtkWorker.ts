/**
 * The NTK panel's handle on its worker: closed-form requests (latest answer wins) and the two button-started tfjs
 * tasks with their progress. Without module workers the closed form is computed on the page and the tasks are
 * reported as unavailable.
 *
 * The worker is supervised: a crashed or terminated worker is replaced, the latest closed-form request is sent again
 * if it was not fully answered, and a running width sweep is restarted with the widths the old worker had finished
 * given back, so only the rest is computed again. It is seeded, so the result equals an uninterrupted run's. Only when
 * the supervisor gives up does the closed form fall back to the page.
 *
 * The experiments' runs are split over `workers` NTK workers (this one and more started by NtkExperimentPool), which
 * also resumes them after a fault.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  isNtkEvent,
  type ClosedFormResult,
  type ClosedFormSetup,
  type ExperimentPlan,
  type ExperimentResult,
  type NtkCommand,
  type NtkEvent,
  type NtkTask,
  type WidthSweepRequest,
  type WidthSweepResult,
  type WidthSweepRow,
} from '../worker/ntkProtocol';
import { NtkExperimentPool } from './ntkExperimentPool';
import { capitalise, SupervisedWorker } from './supervisedWorker';
import { ClosedFormEngine } from '../core/ntk/closedForm';

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

/** A width sweep the worker has been given and not finished: what to send a replacement worker. */
type InFlightTask = { task: 'widthSweep'; runId: number; request: WidthSweepRequest; rows: WidthSweepRow[]; cancelRequested: boolean };

/** The command that (re)starts a sweep, with the widths finished so far. */
function taskCommand(t: InFlightTask): NtkCommand {
  return { v: 1, type: 'widthSweep', runId: t.runId, request: t.request, completedRows: t.rows };
}

/** What a replacement worker resumed, for the notice. */
function resumedFrom(t: InFlightTask): string {
  const kept = t.rows.length;
  return kept > 0 ? `resumed the width sweep after width ${t.rows[kept - 1].width} (${kept} of ${t.request.widths.length} widths kept)` : 'restarted the width sweep from its start (same seed)';
}

/** Whether a worker event belongs to the experiments (handled by the pool). */
const isExperimentsEvent = (ev: NtkEvent) => ev.type === 'experimentRun' || ev.type === 'experiments' || ('task' in ev && ev.task === 'experiments');

/** `workers`: how many NTK workers share the experiments' runs (the `workers=` key, clamped). */
export function useNtkWorker(workers = 1) {
  const workerRef = useRef<SupervisedWorker | null>(null);
  const pageEngine = useRef<ClosedFormEngine | null>(null);
  const latestRequest = useRef(0);
  /** The latest closed-form request until its full answer (defects included) arrives: re-sent to a new worker. */
  const unansweredRequest = useRef<NtkCommand | null>(null);
  const sentAt = useRef(new Map<number, number>());
  const nextRun = useRef(1);
  const inFlight = useRef(new Map<number, InFlightTask>());
  const [closedForm, setClosedForm] = useState<ClosedFormState>({ result: null, error: null, roundTripMs: null, where: 'worker', pending: false });
  const [sweep, setSweep] = useState<TaskState<WidthSweepResult>>(idle);
  const [experiments, setExperiments] = useState<TaskState<ExperimentResult>>(idle);
  const [available, setAvailable] = useState(typeof Worker !== 'undefined');
  const [recovery, setRecovery] = useState<string | null>(null);
  const [experimentWorkers, setExperimentWorkers] = useState(Math.max(1, workers));
  const poolRef = useRef<NtkExperimentPool | null>(null);
  /** Why no worker is running, once the supervisor gave up (or none could start). */
  const gaveUp = useRef<string | null>(null);

  const setTask = useCallback((task: NtkTask, update: (s: TaskState<never>) => Partial<TaskState<never>>, runId: number) => {
    const apply = <R,>(s: TaskState<R>): TaskState<R> => (s.runId === runId ? { ...s, ...(update(s as TaskState<never>) as Partial<TaskState<R>>) } : s);
    if (task === 'widthSweep') setSweep(apply);
    else setExperiments(apply);
  }, []);

  useEffect(() => {
    if (typeof Worker === 'undefined') return;
    // Its size is set by the effect below (declared after this one, so it runs after it on mount).
    const pool = new NtkExperimentPool(1, {
      postFirst: (message) => (workerRef.current ? (workerRef.current.post(message), true) : false),
      create: (i) => new Worker(new URL('../worker/ntk.worker.ts', import.meta.url), { type: 'module', name: `symmetry-lab-ntk-${i}` }),
      update: (runId, change) => setExperiments((s) => (s.runId === runId ? { ...s, ...change } : s)),
      onRecovery: setRecovery,
      onWorkers: setExperimentWorkers,
    });
    poolRef.current = pool;
    const onMessage = (ev: unknown) => {
      if (!isNtkEvent(ev)) return;
      if (isExperimentsEvent(ev)) return pool.onEvent(0, ev);
      switch (ev.type) {
        case 'closedForm': {
          if (ev.requestId !== latestRequest.current) return;
          if (ev.result.defectsReady) unansweredRequest.current = null;
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
        case 'widthSweepRow': {
          const t = inFlight.current.get(ev.runId);
          if (t?.task === 'widthSweep') t.rows.push(ev.row);
          return;
        }
        case 'widthSweep':
          inFlight.current.delete(ev.runId);
          setSweep((s) => (s.runId === ev.runId ? { ...s, status: 'done', result: ev.result, done: s.total } : s));
          return;
        case 'cancelled':
          inFlight.current.delete(ev.runId);
          setTask(ev.task, () => ({ status: 'cancelled' }), ev.runId);
          return;
        case 'error':
          if (ev.task === 'closedForm') {
            if (ev.requestId === latestRequest.current) {
              unansweredRequest.current = null;
              setClosedForm((s) => ({ ...s, result: null, error: ev.message, pending: false }));
            }
          } else if (ev.task && ev.runId !== undefined) {
            inFlight.current.delete(ev.runId);
            setTask(ev.task, () => ({ status: 'error', error: ev.message }), ev.runId);
          } else console.warn(`[symmetry-lab] ntk worker: ${ev.message}`);
          return;
      }
    };
    const onSpawn = (reason: string | null, post: (message: unknown) => void) => {
      if (reason === null) return;
      const done: string[] = [];
      const request = unansweredRequest.current;
      if (request) {
        if (request.type === 'closedForm') sentAt.current.set(request.requestId, performance.now());
        post(request);
        done.push('sent the closed-form request again');
      }
      // In the order they were started: the worker runs tasks one at a time.
      for (const t of [...inFlight.current.values()].sort((a, b) => a.runId - b.runId)) {
        if (t.cancelRequested) {
          inFlight.current.delete(t.runId);
          setTask(t.task, () => ({ status: 'cancelled' }), t.runId);
          continue;
        }
        post(taskCommand(t));
        done.push(resumedFrom(t));
        setTask(t.task, () => ({ label: 'resuming in a new NTK worker' }), t.runId);
      }
      const experiments = pool.resume(0);
      if (experiments) done.push(experiments);
      setRecovery(`${capitalise(reason)}. Restarted the NTK worker${done.length ? `; ${done.join('; ')}` : ''}.`);
    };
    const onGiveUp = (message: string) => {
      // Fall back to the page for the closed form; the tfjs tasks need the worker.
      gaveUp.current = message;
      workerRef.current = null;
      setAvailable(false);
      setRecovery(null);
      for (const t of inFlight.current.values()) setTask(t.task, () => ({ status: 'error', error: message }), t.runId);
      inFlight.current.clear();
      // The experiments go on in the other workers, if there are any.
      pool.giveUp(0, message);
    };
    const supervised = new SupervisedWorker({
      label: 'NTK worker',
      faultTarget: 'ntk',
      pauseWhenHidden: true,
      create: () => new Worker(new URL('../worker/ntk.worker.ts', import.meta.url), { type: 'module', name: 'symmetry-lab-ntk' }),
      onMessage,
      onSpawn,
      onGiveUp,
    });
    const stop = () => {
      supervised.dispose();
      pool.dispose();
      workerRef.current = null;
      poolRef.current = null;
    };
    if (!supervised.alive) return stop;
    workerRef.current = supervised;
    return stop;
  }, [setTask]);

  useEffect(() => {
    if (poolRef.current) poolRef.current.size = Math.max(1, workers);
    setExperimentWorkers(Math.max(1, workers));
  }, [workers]);

  const send = (body: Body<NtkCommand>) => workerRef.current?.post({ v: 1, ...body });

  const requestClosedForm = useCallback((setup: ClosedFormSetup, lr: number, steps: number[]) => {
    const requestId = ++latestRequest.current;
    const worker = workerRef.current;
    if (worker) {
      sentAt.current.clear();
      sentAt.current.set(requestId, performance.now());
      setClosedForm((s) => ({ ...s, pending: true }));
      const command: NtkCommand = { v: 1, type: 'closedForm', requestId, setup, lr, steps };
      unansweredRequest.current = command;
      worker.post(command);
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

  /** A new task's state, or its refusal when there is no worker to run it. */
  const starting = (runId: number, key: string): TaskState<never> => {
    const state: TaskState<never> = { ...idle<never>(), status: 'running', runId, label: 'queued', key };
    return workerRef.current ? state : { ...state, status: 'error', error: gaveUp.current ?? 'this browser has no module workers; the measurement needs one' };
  };

  const startSweep = (request: WidthSweepRequest, key: string) => {
    const task: InFlightTask = { task: 'widthSweep', runId: nextRun.current++, request, rows: [], cancelRequested: false };
    const state = starting(task.runId, key);
    setSweep(state);
    if (state.status !== 'running') return;
    inFlight.current.set(task.runId, task);
    workerRef.current!.post(taskCommand(task));
  };

  const startExperiments = (plan: ExperimentPlan, key: string) => {
    const state = starting(nextRun.current++, key);
    setExperiments(state);
    if (state.status === 'running') poolRef.current?.start(state.runId, plan);
  };

  return {
    available,
    closedForm,
    requestClosedForm,
    sweep,
    experiments,
    /** What the last worker fault was and what was resumed, or null. */
    recovery,
    /** How many NTK workers train the experiments' runs (fewer after one failed for good). */
    experimentWorkers,
    startSweep,
    startExperiments,
    cancel: (runId: number) => {
      const t = inFlight.current.get(runId);
      if (t) t.cancelRequested = true;
      if (t) send({ type: 'cancel', runId });
      else poolRef.current?.cancel(runId);
    },
  };
}
