/**
 * Summarises a training pool's merged snapshots off the page thread. At E = 1024 one summary (means, deviation
 * fields, orbit metrics, the ensemble-size curve) took the page 0.3–0.9 s, a frozen page; at the default E = 64 it
 * was 30 ms on the cores the training workers share. Pure core code, no tfjs.
 */
import { snapshotTransferables } from '../core/ensemble/snapshot';
import { RawSnapshotSummarizer } from '../core/ensemble/summarizeRaw';
import { validateSummaryCommand, type SummaryCommand, type SummaryEvent } from './summaryProtocol';
import { serveWorker, WorkerKit, type Post } from './workerKit';

const errorEvent = (message: string): SummaryEvent => ({ v: 1, type: 'error', message });

/** The message handler, separate from `self` so it can be driven with a fake `post`. */
export function createSummaryWorkerHandler(post: Post<SummaryEvent>): (data: unknown) => void {
  const kit = new WorkerKit<SummaryCommand, SummaryEvent>(post, { validate: validateSummaryCommand, errorEvent });
  const summarizer = new RawSnapshotSummarizer();
  return kit.handler(({ id, config, selectedMember, raw }) => {
    try {
      const snapshot = summarizer.summarize(config, selectedMember, raw);
      post({ v: 1, type: 'summary', id, snapshot }, snapshotTransferables(snapshot));
    } catch (e) {
      post({ v: 1, type: 'error', id, message: e instanceof Error ? e.message : String(e) });
    }
  });
}

serveWorker(createSummaryWorkerHandler, errorEvent);
