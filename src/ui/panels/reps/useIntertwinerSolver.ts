/**
 * Run intertwiner problems in a worker and return the latest answer. Falls back to solving on the page when the
 * browser has no module workers or the worker fails.
 */
import { useEffect, useRef, useState } from 'react';
import { solveIntertwinerRequest, type IntertwinerAnswer, type IntertwinerRequest } from './solveIntertwiner';

export function useIntertwinerSolver(request: IntertwinerRequest): { answer: IntertwinerAnswer | null; pending: boolean } {
  const workerRef = useRef<Worker | null>(null);
  const latest = useRef(0);
  const latestRequest = useRef<IntertwinerRequest>(request);
  const [state, setState] = useState<{ answer: IntertwinerAnswer | null; id: number }>({ answer: null, id: 0 });
  const [requested, setRequested] = useState(0);

  useEffect(() => {
    if (typeof Worker === 'undefined') return;
    try {
      const worker = new Worker(new URL('./intertwiner.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<{ id: number; answer: IntertwinerAnswer }>) => {
        // Answers to superseded requests are dropped.
        if (e.data.id === latest.current) setState({ answer: e.data.answer, id: e.data.id });
      };
      worker.onerror = () => {
        // Fall back to the page for this and every later request.
        workerRef.current = null;
        worker.terminate();
        setState({ answer: solveIntertwinerRequest(latestRequest.current), id: latest.current });
      };
      workerRef.current = worker;
      return () => {
        worker.terminate();
        workerRef.current = null;
      };
    } catch {
      workerRef.current = null;
    }
  }, []);

  const { family, n, inId, outId } = request;
  useEffect(() => {
    const id = latest.current + 1;
    latest.current = id;
    setRequested(id);
    const req = { family, n, inId, outId };
    latestRequest.current = req;
    const worker = workerRef.current;
    if (worker) worker.postMessage({ id, request: req });
    else setState({ answer: solveIntertwinerRequest(req), id });
  }, [family, n, inId, outId]);

  return { answer: state.answer, pending: state.id !== requested };
}
