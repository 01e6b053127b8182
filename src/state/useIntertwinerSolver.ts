/**
 * Run intertwiner problems in a worker and return the latest answer. A crashed or terminated worker is replaced and
 * the latest request re-sent; the page solves it itself when the browser has no module workers or the worker keeps
 * failing (a few hundred ms on the main thread at worst).
 */
import { useEffect, useRef, useState } from 'react';
import { capitalise, SupervisedWorker } from './supervisedWorker';
import { solveIntertwinerRequest, type IntertwinerAnswer, type IntertwinerRequest } from '../core/groups/solveIntertwiner';
import { isIntertwinerEvent, type IntertwinerCommand } from '../worker/intertwinerProtocol';

const solve = (id: number, request: IntertwinerRequest): IntertwinerCommand => ({ v: 1, type: 'solve', id, request });

export interface IntertwinerSolverState {
  answer: IntertwinerAnswer | null;
  pending: boolean;
  /** What went wrong with the worker and how it was handled, if anything did. */
  recovery: string | null;
}

export function useIntertwinerSolver(request: IntertwinerRequest): IntertwinerSolverState {
  const workerRef = useRef<SupervisedWorker | null>(null);
  const latest = useRef(0);
  const latestRequest = useRef<IntertwinerRequest>(request);
  const [state, setState] = useState<{ answer: IntertwinerAnswer | null; id: number }>({ answer: null, id: 0 });
  const [requested, setRequested] = useState(0);
  const [recovery, setRecovery] = useState<string | null>(null);

  useEffect(() => {
    if (typeof Worker === 'undefined') return;
    const supervised = new SupervisedWorker({
      label: 'intertwiner worker',
      faultTarget: 'reps',
      create: () => new Worker(new URL('../worker/intertwiner.worker.ts', import.meta.url), { type: 'module', name: 'symmetry-lab-intertwiner' }),
      onMessage: (data) => {
        if (!isIntertwinerEvent(data)) return;
        if (data.type === 'error') {
          console.warn(`[symmetry-lab] intertwiner worker: ${data.message}`);
          return;
        }
        // Answers to superseded requests are dropped.
        if (data.id === latest.current) setState({ answer: data.answer, id: data.id });
      },
      onSpawn: (reason, post) => {
        if (reason === null) return;
        setRecovery(`${capitalise(reason)}. Restarted it and solved the current problem again.`);
        if (latest.current > 0) post(solve(latest.current, latestRequest.current));
      },
      onGiveUp: (message) => {
        // Fall back to the page for this and every later request.
        workerRef.current = null;
        setRecovery(`${message}. Solving on the page instead.`);
        setState({ answer: solveIntertwinerRequest(latestRequest.current), id: latest.current });
      },
    });
    workerRef.current = supervised.alive ? supervised : null;
    return () => {
      supervised.dispose();
      workerRef.current = null;
    };
  }, []);

  const { family, n, inId, outId } = request;
  useEffect(() => {
    const id = latest.current + 1;
    latest.current = id;
    setRequested(id);
    const req = { family, n, inId, outId };
    latestRequest.current = req;
    const worker = workerRef.current;
    if (worker?.alive) worker.post(solve(id, req));
    else setState({ answer: solveIntertwinerRequest(req), id });
  }, [family, n, inId, outId]);

  return { answer: state.answer, pending: state.id !== requested, recovery };
}
