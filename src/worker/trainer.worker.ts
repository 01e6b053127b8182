/// <reference lib="webworker" />
/**
 * The training worker: owns the tfjs backend and the training loop. The page thread never trains.
 */
import { injectFault, selectBackend, watchDeviceLoss } from './backend';
import { TrainerSession } from './trainerSession';
import type { TrainerEvent } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const session = new TrainerSession(
  (event: TrainerEvent, transfer?: ArrayBuffer[]) => scope.postMessage(event, transfer ?? []),
  selectBackend,
  (_choice, lost) => watchDeviceLoss(lost),
  // Honoured only when the page asked for it in `init` (pages opened with faults=1, for the reliability tests).
  injectFault,
);

scope.onmessage = (e: MessageEvent) => session.handle(e.data);
scope.onunhandledrejection = (e: PromiseRejectionEvent) => {
  scope.postMessage({ v: 1, type: 'error', kind: 'internal', message: `worker: ${String(e.reason)}` } satisfies TrainerEvent);
};
