/**
 * The page's handle on the snapshot-summary worker (src/worker/summary.worker.ts): the training pool hands it each
 * merged raw snapshot and gets the summarised Snapshot back, so that no summary runs on the page thread (the UI
 * stays responsive while the pool trains; at E = 1024 a summary used to freeze the page for up to 0.9 s).
 *
 * Nothing is lost, and nothing is copied twice: the caller passes a way to build the raw snapshot (the merge of the
 * pool's slices, which it keeps) rather than the arrays; each build is transferred to the worker (a structured-clone
 * copy of E = 1024 members took the page 150 ms, a kept memcpy copy 50 ms). A crashed worker is replaced (SupervisedWorker) and gets every unanswered request again; if it cannot be started at
 * all, or answers with an error, the page summarises those snapshots itself, as it did before this worker existed.
 */
import type { EnsembleConfig } from '../core/ensemble/config';
import type { Snapshot } from '../core/ensemble/snapshot';
import { RawSnapshotSummarizer } from '../core/ensemble/summarizeRaw';
import type { RawSnapshot } from '../core/ensemble/trainer';
import { isSummaryEvent, type SummaryCommand } from '../worker/summaryProtocol';
import { SupervisedWorker } from './supervisedWorker';

interface Pending {
  /** The request without its raw arrays, and how to build them (again for a replacement worker, or here). */
  command: Omit<SummaryCommand, 'raw'>;
  build: () => RawSnapshot;
  resolve: (s: Snapshot) => void;
  reject: (e: Error) => void;
}

export class SnapshotSummaries {
  private sw: SupervisedWorker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** In-page fallback (worker unavailable or failed): the same code the worker runs. */
  private local: RawSnapshotSummarizer | null = null;

  constructor(private readonly create: () => Worker = () => new Worker(new URL('../worker/summary.worker.ts', import.meta.url), { type: 'module', name: 'symmetry-lab-summaries' })) {
    try {
      this.sw = new SupervisedWorker({
        label: 'snapshot summary worker',
        faultTarget: 'toy-summaries',
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
   * The summary of the raw snapshot `build()` returns (a whole ensemble's, merged in member order; fresh arrays on
   * every call) for `config`, with `selectedMember` shown.
   */
  summarize(config: EnsembleConfig, selectedMember: number, build: () => RawSnapshot): Promise<Snapshot> {
    const id = this.nextId++;
    return new Promise<Snapshot>((resolve, reject) => {
      const p: Pending = { command: { v: 1, type: 'summarize', id, config, selectedMember }, build, resolve, reject };
      this.pending.set(id, p);
      const sw = this.sw;
      if (sw?.alive) this.send(p, (m, t) => sw.post(m, t));
      else this.summarizeHere(id);
    });
  }

  private send(p: Pending, post: (message: unknown, transfer?: Transferable[]) => void): void {
    const raw = p.build();
    post({ ...p.command, raw }, rawBuffers(raw));
  }

  /** Stop the worker; unanswered requests are summarised here. */
  dispose(): void {
    this.sw?.dispose();
    this.sw = null;
    for (const id of [...this.pending.keys()]) this.summarizeHere(id);
  }

  private onMessage(data: unknown): void {
    if (!isSummaryEvent(data)) return;
    if (data.type === 'summary') {
      const p = this.pending.get(data.id);
      if (!p) return;
      this.pending.delete(data.id);
      p.resolve(data.snapshot);
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
      this.local ??= new RawSnapshotSummarizer();
      p.resolve(this.local.summarize(p.command.config, p.command.selectedMember, p.build()));
    } catch (e) {
      p.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}

const RAW_ARRAYS = ['members', 'losses', 'noAugMembers', 'noAugLosses', 'farMembers'] as const;

/** The buffers a raw snapshot's arrays own whole, to transfer (a merged array does; a view into a shared buffer is copied). */
function rawBuffers(raw: RawSnapshot): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const k of RAW_ARRAYS) {
    const a = raw[k];
    if (a && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && !out.includes(a.buffer as ArrayBuffer)) out.push(a.buffer as ArrayBuffer);
  }
  return out;
}
