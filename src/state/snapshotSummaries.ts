/**
 * The page's handle on the snapshot-summary worker (src/worker/summary.worker.ts): the training pool hands it each
 * snapshot's and light frame's slices and gets the merged, summarised Snapshot or LightFrame back, so that neither
 * the merges nor the summaries run on the page thread (the UI stays responsive while the pool trains; at E = 1024 a
 * summary used to freeze the page for up to 0.9 s, a snapshot's merge blocked it for 30–50 ms, a frame's for 15–30).
 *
 * Nothing is lost, and the page copies nothing: each training worker sends its slice twice (`raw` and `copy`, the
 * copy made on its own thread). The copies go to the summary worker by transfer; the page keeps the originals until
 * the answer is in. A crashed summary worker is replaced (SupervisedWorker) and gets every unanswered request again,
 * built from the originals (copied then: a rare path); if it cannot be started at all, or answers with an error, the
 * page merges and summarises those snapshots itself, as it did before this worker existed.
 */
import type { EnsembleConfig } from '../core/ensemble/config';
import type { LightFrame, Snapshot } from '../core/ensemble/snapshot';
import type { RawFrameSlice, RawSlice } from '../core/ensemble/sliceMerge';
import { RawSnapshotSummarizer, summarizeFrameSlices } from '../core/ensemble/summarizeRaw';
import type { RawFrame, RawSnapshot } from '../core/ensemble/trainer';
import type { CrossSnapshot } from '../core/equivariance/crossTrainer';
import { VectorSliceSummarizer } from '../core/equivariance/vectorSliceSummary';
import type { VectorSnapshot } from '../core/equivariance/vectorSummary';
import { isSummaryEvent, type SummaryCommand } from '../worker/summaryProtocol';
import { SupervisedWorker } from './supervisedWorker';

type Part = RawSlice | RawFrameSlice;
type Summary = Snapshot | LightFrame | VectorSnapshot | CrossSnapshot;
/** A command without its slices (each kind of command keeps its own fields). */
type Request = SummaryCommand extends infer C ? (C extends unknown ? Omit<C, 'parts'> : never) : never;

interface Pending {
  /** The request without its slices. */
  command: Request;
  /** The page's own slices, kept for a replacement worker or the in-page fallback. */
  parts: readonly Part[];
  /** Whether the slices' second copies were handed on (each can be transferred once). */
  copiesSent: boolean;
  /** The same reduction on the page (the fallback), from the page's own slices. */
  here: () => Summary;
  resolve: (s: Summary) => void;
  reject: (e: Error) => void;
}

export class SnapshotSummaries {
  private sw: SupervisedWorker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** In-page fallback (worker unavailable or failed): the same code the worker runs. */
  private local: RawSnapshotSummarizer | null = null;
  private vectorLocal: VectorSliceSummarizer | null = null;

  constructor(
    private readonly create: () => Worker = () => new Worker(new URL('../worker/summary.worker.ts', import.meta.url), { type: 'module', name: 'symmetry-lab-summaries' }),
    faultTarget = 'toy-summaries',
  ) {
    try {
      this.sw = new SupervisedWorker({
        label: 'snapshot summary worker',
        faultTarget,
        create: this.create,
        onMessage: (data) => this.onMessage(data),
        // A replacement gets every request its predecessor left unanswered.
        onSpawn: (reason, post) => {
          if (reason !== null) for (const p of this.pending.values()) this.send(p, post);
        },
        onGiveUp: () => {
          this.sw = null;
          for (const id of [...this.pending.keys()]) this.summarizeHere(id);
        },
      });
    } catch {
      this.sw = null;
    }
  }

  /**
   * The summary, for `config` with `selectedMember` shown, of the snapshot whose slices are `parts` (they tile the
   * members 0 … E−1, in any order). Each part's `copy`, when there is one, is transferred to the worker; the parts'
   * `raw` arrays stay with the page, untouched.
   */
  summarize(config: EnsembleConfig, selectedMember: number, parts: readonly RawSlice[]): Promise<Snapshot> {
    return this.request({ v: 1, type: 'summarize', id: 0, config, selectedMember }, parts, () => {
      this.local ??= new RawSnapshotSummarizer();
      return this.local.summarizeSlices(config, selectedMember, parts);
    }) as Promise<Snapshot>;
  }

  /** The light frame of E members whose slices are `parts`, keeping the members `keep`; copies as for `summarize`. */
  summarizeFrame(ensembleSize: number, keep: readonly number[], parts: readonly RawFrameSlice[]): Promise<LightFrame> {
    return this.request({ v: 1, type: 'summarizeFrame', id: 0, ensembleSize, members: [...keep] }, parts, () => summarizeFrameSlices(parts, ensembleSize, keep)) as Promise<LightFrame>;
  }

  /** The vector lab's plane-lab snapshot from its slices and the lab's settings (sent copied: they are small). */
  summarizePlane(settings: Record<string, unknown>, parts: readonly RawSlice[]): Promise<VectorSnapshot> {
    return this.request({ v: 1, type: 'summarizePlane', id: 0, settings }, parts, () => this.vectorHere().planeSnapshot(settings, parts)) as Promise<VectorSnapshot>;
  }

  /** The vector lab's 3D-lab snapshot, likewise. */
  summarizeCross(settings: Record<string, unknown>, parts: readonly RawSlice[]): Promise<CrossSnapshot> {
    return this.request({ v: 1, type: 'summarizeCross', id: 0, settings }, parts, () => this.vectorHere().crossSnapshot(settings, parts)) as Promise<CrossSnapshot>;
  }

  private vectorHere(): VectorSliceSummarizer {
    return (this.vectorLocal ??= new VectorSliceSummarizer());
  }

  private request(command: Request, parts: readonly Part[], here: Pending['here']): Promise<Summary> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const p: Pending = { command: { ...command, id }, parts, copiesSent: false, here, resolve, reject };
      this.pending.set(id, p);
      const sw = this.sw;
      if (sw?.alive) this.send(p, (m, t) => sw.post(m, t));
      else this.summarizeHere(id);
    });
  }

  /** The first send transfers the workers' copies; a later one (a replacement worker) copies the page's own slices. */
  private send(p: Pending, post: (message: unknown, transfer?: Transferable[]) => void): void {
    const handOn = !p.copiesSent && p.parts.every((x) => x.copy);
    const parts = p.parts.map((x) => ({ start: x.start, raw: handOn ? x.copy! : x.raw }));
    p.copiesSent ||= handOn;
    post({ ...p.command, parts }, handOn ? parts.flatMap((x) => ownBuffers(x.raw)) : []);
  }

  /** Stop the worker; unanswered requests are summarised here. */
  dispose(): void {
    this.sw?.dispose();
    this.sw = null;
    for (const id of [...this.pending.keys()]) this.summarizeHere(id);
  }

  private onMessage(data: unknown): void {
    if (!isSummaryEvent(data)) return;
    if (data.type !== 'error') {
      const p = this.pending.get(data.id);
      if (!p) return;
      this.pending.delete(data.id);
      p.resolve(data.type === 'summary' ? data.snapshot : data.frame);
      return;
    }
    // The worker refused or failed one request: summarise that one here, where a real error will show itself.
    console.warn(`[symmetry-lab] snapshot summary worker: ${data.message}`);
    if (data.id !== undefined) this.summarizeHere(data.id);
  }

  private summarizeHere(id: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    try {
      p.resolve(p.here());
    } catch (e) {
      p.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}

/** The buffers a raw slice's arrays own whole, to transfer (a view into a shared buffer is copied instead). */
function ownBuffers(raw: RawSnapshot | RawFrame): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const a of Object.values(raw)) {
    if (a instanceof Float32Array && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && !out.includes(a.buffer as ArrayBuffer)) out.push(a.buffer as ArrayBuffer);
  }
  return out;
}
