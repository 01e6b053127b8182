/**
 * Merges and summarises a training pool's snapshots and light frames off the page thread (the toy lab's, and the
 * vector lab's, whose plane-lab summary at E = 256 blocked the page for 90–150 ms a snapshot). At E = 1024 one summary
 * (means, deviation fields, orbit metrics, the ensemble-size curve) took the page 0.3–0.9 s, a frozen page; the merge
 * of a snapshot's slices (19 MB of new arrays) another 30–50 ms, and each light frame's merge and means 15–30 ms. At
 * the default E = 64 a summary was 30 ms on the cores the training workers share. Pure core code, no tfjs.
 */
import { lightFrameTransferables, snapshotTransferables } from '../core/ensemble/snapshot';
import { RawSnapshotSummarizer, summarizeFrameSlices } from '../core/ensemble/summarizeRaw';
import { crossSnapshotTransferables } from '../core/equivariance/crossMeasure';
import { VectorSliceSummarizer } from '../core/equivariance/vectorSliceSummary';
import { vectorSnapshotTransferables } from '../core/equivariance/vectorSummary';
import { validateSummaryCommand, type SummaryCommand, type SummaryEvent } from './summaryProtocol';
import { serveWorker, WorkerKit, type Post } from './workerKit';

const errorEvent = (message: string): SummaryEvent => ({ v: 1, type: 'error', message });

/** The message handler, separate from `self` so it can be driven with a fake `post`. */
export function createSummaryWorkerHandler(post: Post<SummaryEvent>): (data: unknown) => void {
  const kit = new WorkerKit<SummaryCommand, SummaryEvent>(post, { validate: validateSummaryCommand, errorEvent });
  const summarizer = new RawSnapshotSummarizer();
  const vector = new VectorSliceSummarizer();
  return kit.handler((c) => {
    try {
      if (c.type === 'summarize') {
        const snapshot = summarizer.summarizeSlices(c.config, c.selectedMember, c.parts);
        post({ v: 1, type: 'summary', id: c.id, snapshot }, snapshotTransferables(snapshot));
      } else if (c.type === 'summarizeFrame') {
        const frame = summarizeFrameSlices(c.parts, c.ensembleSize, c.members);
        post({ v: 1, type: 'frame', id: c.id, frame }, lightFrameTransferables(frame));
      } else if (c.type === 'summarizePlane') {
        const snapshot = vector.planeSnapshot(c.settings, c.parts);
        post({ v: 1, type: 'summary', id: c.id, snapshot }, vectorSnapshotTransferables(snapshot));
      } else {
        const snapshot = vector.crossSnapshot(c.settings, c.parts);
        post({ v: 1, type: 'summary', id: c.id, snapshot }, crossSnapshotTransferables(snapshot));
      }
    } catch (e) {
      post({ v: 1, type: 'error', id: c.id, message: e instanceof Error ? e.message : String(e) });
    }
  });
}

serveWorker(createSummaryWorkerHandler, errorEvent);
