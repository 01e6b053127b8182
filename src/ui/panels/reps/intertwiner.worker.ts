/** Solves intertwiner problems off the main thread: the SVD of a 256×256 Gram matrix takes a few hundred ms. */
import { solveIntertwinerRequest, type IntertwinerRequest } from './solveIntertwiner';

self.onmessage = (e: MessageEvent<{ id: number; request: IntertwinerRequest }>) => {
  const { id, request } = e.data;
  self.postMessage({ id, answer: solveIntertwinerRequest(request) });
};
