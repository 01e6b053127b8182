/** Solves intertwiner problems off the main thread: the SVD of a 256×256 Gram matrix takes a few hundred ms. */
import { solveIntertwinerRequest } from '../core/groups/solveIntertwiner';
import { validateIntertwinerCommand, type IntertwinerCommand, type IntertwinerEvent } from './intertwinerProtocol';
import { serveWorker, WorkerKit, type Post } from './workerKit';

const errorEvent = (message: string): IntertwinerEvent => ({ v: 1, type: 'error', message });

/** The message handler, separate from `self` so it can be driven with a fake `post`. */
export function createIntertwinerWorkerHandler(post: Post<IntertwinerEvent>): (data: unknown) => void {
  // Plain JavaScript, no GPU device: the kit refuses an injected 'lose-device' and says so.
  const kit = new WorkerKit<IntertwinerCommand, IntertwinerEvent>(post, { validate: validateIntertwinerCommand, errorEvent });
  return kit.handler(({ id, request }) => post({ v: 1, type: 'answer', id, answer: solveIntertwinerRequest(request) }));
}

serveWorker(createIntertwinerWorkerHandler, errorEvent);
