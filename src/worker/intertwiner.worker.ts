/** Solves intertwiner problems off the main thread: the SVD of a 256×256 Gram matrix takes a few hundred ms. */
import { FaultGate } from './faultGate';
import { solveIntertwinerRequest, type IntertwinerRequest } from '../core/groups/solveIntertwiner';

// Fault injection for the reliability tests (pages opened with faults=1); this worker has no GPU device to lose.
const faults = new FaultGate();

function isRequest(data: unknown): data is { id: number; request: IntertwinerRequest } {
  if (!data || typeof data !== 'object') return false;
  const m = data as { id?: unknown; request?: Record<string, unknown> };
  const r = m.request;
  return (
    typeof m.id === 'number' &&
    !!r &&
    typeof r === 'object' &&
    typeof r.family === 'string' &&
    typeof r.n === 'number' &&
    typeof r.inId === 'string' &&
    typeof r.outId === 'string'
  );
}

self.onmessage = (e: MessageEvent<unknown>) => {
  if (faults.consume(e.data)) return;
  // Only the panel posts here; anything else is dropped rather than solved.
  if (!isRequest(e.data)) return;
  const { id, request } = e.data;
  self.postMessage({ id, answer: solveIntertwinerRequest(request) });
};
