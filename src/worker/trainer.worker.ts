/// <reference lib="webworker" />
/**
 * The training worker: owns the tfjs backend and the training loop. The page thread never trains. Its state machine
 * is `TrainerSession` (on the worker kit); this file only connects it to the worker global.
 */
import { internalErrorEvent, TrainerSession } from './trainerSession';
import { serveWorker } from './workerKit';

serveWorker((post) => {
  const session = new TrainerSession(post);
  return (data) => session.handle(data);
}, internalErrorEvent);
