/**
 * The rotated-FashionMNIST experiment at browser scale: an ensemble of MLP classifiers trained with C_n rotation
 * augmentation (DeepEns+DA / only DA), a second ensemble of the same architecture trained on moment-canonicalised
 * images (Canon), and the evaluation of four routes by accuracy and orbit same predictions (OSP) in distribution
 * (FashionMNIST test images) and out of distribution (MNIST digits).
 *
 * Every random draw comes from the seeded `Rng`: member k's data order and rotations depend only on (seed, k, step),
 * so a run of a slice of the members (a pool worker's part, imageSlice.ts) trains member k exactly as the whole run.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MlpArchitecture } from '../ensemble/architecture';
import { disposeParams, type BatchedParams } from '../ensemble/batchedMlp';
import { sliceMismatch, type MemberSlice } from '../ensemble/memberSlice';
import { Rng } from '../rng';
import { argmaxAt, meanAndStd, orbitSamePredictionsFromLabels } from '../routes/classifierOsp';
import { MomentCanonicalizer } from '../routes/imageCanonicalizer';
import { applyRotationTable, circularImageMask, cyclicRotationTables, rotationTable, type RotationTable } from '../routes/imageRotation';
import { sliceMembers, classifierStepFlops } from './classifier';
import type { CrossEntropyStep } from '../ensemble/crossEntropyStep';
import { crossEntropyStepOf, stepEngineFor } from '../ensemble/stepEngine';
import type { ImageSet } from './dataset';
import { classifierProbabilitiesFast } from './fusedCrossEntropyStep';
import { restoreEnsemble, storeEnsemble, type ImageRunCheckpoint } from './imageCheckpoint';
import { imageArchitecture, type ImageRunConfig } from './imageRunConfig';
import { initImageSlice } from './imageSlice';
import { oneHot, permutation } from './batchDraw';
import type { ImageEvaluation, ImageProbe, ImageRouteScores, Score } from './imageScores';

// The run's configuration and its result types have their own modules; re-exported so importers keep one path.
export * from './imageRunConfig';
export * from './imageScores';

/**
 * Trains and evaluates one run. Holds its tensors until `dispose()`. `trainStep()` never reads back; `lastLoss()`,
 * `evaluate()` and `probe()` read back asynchronously.
 */
export class ImageRun {
  readonly arch: MlpArchitecture;
  readonly size: number;
  readonly pixels: number;
  readonly classes: number;
  readonly totalSteps: number;
  readonly stepsPerEpoch: number;
  readonly batch: number;
  /** The members this run trains (a pool worker's slice; all E by default). Evaluation needs all of them. */
  readonly members: MemberSlice;
  private da: BatchedParams;
  private canon: BatchedParams;
  private tables: RotationTable[];
  private mask: Uint8Array;
  private canonicalizer: MomentCanonicalizer;
  private perms = new Map<string, Int32Array>();
  private lossTensors: tf.Tensor1D[] = [];
  private stepCount = 0;
  private disposed = false;
  /** The backend's cross-entropy step (its engine's kernel where it has one, else tfjs ops), chosen once. */
  private readonly crossEntropyStep: CrossEntropyStep = crossEntropyStepOf(stepEngineFor());

  constructor(
    readonly config: ImageRunConfig,
    readonly train: ImageSet,
    readonly test: ImageSet,
    readonly ood: ImageSet,
    classes = 10,
    /** Continue from this checkpoint instead of the seeded initial weights (after a worker crash). */
    from?: ImageRunCheckpoint,
    slice?: MemberSlice,
  ) {
    this.members = slice ?? { start: 0, count: config.ensembleSize };
    const mismatch = sliceMismatch(this.members, config.ensembleSize);
    if (mismatch) throw new Error(mismatch);
    const E = this.members.count;
    this.size = train.size;
    this.pixels = this.size * this.size;
    this.classes = classes;
    this.arch = imageArchitecture(config, this.pixels, classes);
    const n = Math.min(config.trainCount, train.count);
    this.batch = Math.min(config.batchSize, n);
    this.stepsPerEpoch = Math.max(1, Math.floor(n / this.batch));
    this.totalSteps = config.epochs * this.stepsPerEpoch;
    if (from) {
      if (!Number.isInteger(from.step) || from.step < 0 || from.step > this.totalSteps) throw new Error(`the checkpoint's step ${from.step} is outside 0 … ${this.totalSteps}`);
      this.da = restoreEnsemble(this.arch, E, from.da);
      try {
        this.canon = restoreEnsemble(this.arch, E, from.canon);
      } catch (e) {
        disposeParams(this.da);
        throw e;
      }
      this.stepCount = from.step;
    } else {
      this.da = initImageSlice(this.arch, config.seed, this.members);
      // Canon members start from the same initial weights: the only difference is canonicalised inputs.
      this.canon = initImageSlice(this.arch, config.seed, this.members);
    }
    this.tables = cyclicRotationTables(this.size, config.group);
    this.mask = circularImageMask(this.size);
    this.canonicalizer = new MomentCanonicalizer(this.size, config.group);
  }

  get step(): number {
    return this.stepCount;
  }

  get done(): boolean {
    return this.stepCount >= this.totalSteps;
  }

  /** FLOPs of one training step (both ensembles). */
  get stepFlops(): number {
    return 2 * classifierStepFlops(this.arch, this.members.count, this.batch);
  }

  private epochPermutation(k: number, epoch: number): Int32Array {
    const key = `${k}:${epoch}`;
    let p = this.perms.get(key);
    if (!p) {
      if (this.perms.size > 4 * this.members.count) this.perms.clear();
      p = permutation(Math.min(this.config.trainCount, this.train.count), new Rng(this.config.seed, 0x1a6e, k, epoch));
      this.perms.set(key, p);
    }
    return p;
  }

  /**
   * The batch of step s for every member of the slice: member k takes the next `batch` images of its own epoch permutation, each
   * rotated by an element of C_n drawn from the stream (seed, k, s), masked, scaled to [0, 1]. Returns the augmented
   * inputs, their canonicalised versions and one-hot labels, each member-major.
   */
  private buildBatch(s: number): { X: Float32Array; Xc: Float32Array; Y: Float32Array } {
    const n = this.config.group;
    const { start, count: E } = this.members;
    const B = this.batch;
    const P = this.pixels;
    const X = new Float32Array(E * B * P);
    const Xc = new Float32Array(E * B * P);
    const labels = new Uint8Array(E * B);
    const epoch = Math.floor(s / this.stepsPerEpoch);
    const within = s % this.stepsPerEpoch;
    for (let k = 0; k < E; k++) {
      // Row block k holds member start + k: its streams are keyed by its place in the whole ensemble.
      const perm = this.epochPermutation(start + k, epoch);
      const rng = new Rng(this.config.seed, 0x1a6f, start + k, s);
      for (let i = 0; i < B; i++) {
        const idx = perm[within * B + i];
        const row = k * B + i;
        applyRotationTable(this.tables[rng.int(n)], this.train.pixels, idx * P, X, row * P, this.mask, 1 / 255);
        this.canonicalizer.canonicalizeInto(X, row * P, Xc, row * P);
        labels[row] = this.train.labels[idx];
      }
    }
    return { X, Xc, Y: oneHot(labels, this.classes) };
  }

  /** One SGD step of both ensembles on step s's batch. No readback. */
  trainStep(): void {
    this.assertLive();
    if (this.done) return;
    const { X, Xc, Y } = this.buildBatch(this.stepCount);
    const E = this.members.count;
    const B = this.batch;
    const tX = tf.tensor3d(X, [E, B, this.pixels]);
    const tXc = tf.tensor3d(Xc, [E, B, this.pixels]);
    const tY = tf.tensor3d(Y, [E, B, this.classes]);
    const a = this.crossEntropyStep(this.arch, this.da, tX, tY, this.config.lr);
    const c = this.crossEntropyStep(this.arch, this.canon, tXc, tY, this.config.lr);
    disposeParams(this.da);
    disposeParams(this.canon);
    this.da = a.params;
    this.canon = c.params;
    tX.dispose();
    tXc.dispose();
    tY.dispose();
    for (const t of this.lossTensors) t.dispose();
    this.lossTensors = [a.loss, c.loss];
    this.stepCount++;
  }

  /**
   * Both ensembles' parameters and the step reached, read back asynchronously: enough to continue this run exactly
   * in a new worker (`new ImageRun(config, …, checkpoint)`). About 4 bytes per parameter, both ensembles.
   */
  async checkpoint(): Promise<ImageRunCheckpoint> {
    this.assertLive();
    const step = this.stepCount;
    const [da, canon] = await Promise.all([storeEnsemble(this.da), storeEnsemble(this.canon)]);
    return { step, da, canon };
  }

  /** Mean member cross-entropy of the last step's batch (before the update): DA ensemble and Canon ensemble. */
  async lastLoss(): Promise<{ da: number; canon: number } | null> {
    if (this.lossTensors.length < 2) return null;
    const [a, c] = (await Promise.all(this.lossTensors.map((t) => t.data()))) as Float32Array[];
    const mean = (v: Float32Array) => v.reduce((s, x) => s + x, 0) / v.length;
    const out = { da: mean(a), canon: mean(c) };
    if (!Number.isFinite(out.da) || !Number.isFinite(out.canon)) throw new Error(`the training loss became ${out.da}/${out.canon} at step ${this.stepCount}: lower the learning rate`);
    return out;
  }

  /** Rotated, masked images [count × S²] of element m for the first `count` images of a set. */
  private rotatedSet(set: ImageSet, count: number, table: RotationTable): Float32Array {
    const P = this.pixels;
    const out = new Float32Array(count * P);
    for (let i = 0; i < count; i++) applyRotationTable(table, set.pixels, i * P, out, i * P, this.mask, 1 / 255);
    return out;
  }

  private canonicalizedBatch(X: Float32Array, count: number): Float32Array {
    const P = this.pixels;
    const out = new Float32Array(count * P);
    for (let i = 0; i < count; i++) this.canonicalizer.canonicalizeInto(X, i * P, out, i * P);
    return out;
  }

  private async probabilities(params: BatchedParams, X: Float32Array, count: number): Promise<Float32Array> {
    const t = tf.tensor2d(X, [count, this.pixels]);
    const p = classifierProbabilitiesFast(this.arch, params, t);
    t.dispose();
    try {
      return (await p.data()) as Float32Array;
    } finally {
      p.dispose();
    }
  }

  /**
   * Evaluate the four routes on C_n (n = config.group):
   * - DeepEns+DA: argmax of the ensemble-mean probabilities (1/E) Σ_k p_k;
   * - only DA: each member alone, mean ± std over members;
   * - Canon: the members trained on canonicalised images, applied to canon(x), mean ± std over members;
   * - group averaging: member 0 of the DA ensemble symmetrised, (1/n) Σ_g p_0(ρ(g)⁻¹x), on `groupAverageCount` images.
   * Accuracy is on the rotated test set (every image at every element of C_n); OSP in distribution on the test
   * images, out of distribution on the MNIST digits. `onProgress(fraction)` is called between chunks.
   */
  async evaluate(onProgress?: (fraction: number) => void | Promise<void>): Promise<ImageEvaluation> {
    this.assertLive(true);
    const { group: n, ensembleSize: E } = this.config;
    const c = this.classes;
    const results: Record<'in' | 'out', { ens: Int32Array; mem: Int32Array[]; can: Int32Array[]; N: number; labels: Uint8Array }> = {} as never;
    const sets: ['in' | 'out', ImageSet][] = [
      ['in', this.test],
      ['out', this.ood],
    ];
    const totalChunks = 2 * n + 2 * n;
    let doneChunks = 0;
    const tick = async () => {
      doneChunks++;
      await onProgress?.(doneChunks / totalChunks);
    };
    for (const [key, set] of sets) {
      const N = Math.min(this.config.evalCount, set.count);
      const ens = new Int32Array(n * N);
      const mem = Array.from({ length: E }, () => new Int32Array(n * N));
      const can = Array.from({ length: E }, () => new Int32Array(n * N));
      for (let m = 0; m < n; m++) {
        const X = this.rotatedSet(set, N, this.tables[m]);
        const pDa = await this.probabilities(this.da, X, N);
        const pC = await this.probabilities(this.canon, this.canonicalizedBatch(X, N), N);
        const avg = new Float32Array(c);
        for (let i = 0; i < N; i++) {
          avg.fill(0);
          for (let k = 0; k < E; k++) {
            const off = (k * N + i) * c;
            for (let j = 0; j < c; j++) avg[j] += pDa[off + j];
            mem[k][m * N + i] = argmaxAt(pDa, off, c);
            can[k][m * N + i] = argmaxAt(pC, off, c);
          }
          ens[m * N + i] = argmaxAt(avg, 0, c);
        }
        await tick();
      }
      results[key] = { ens, mem, can, N, labels: set.labels.subarray(0, N) };
    }

    // Group averaging of member 0: for each orbit element m and each g, the image ρ(g)⁻¹ρ(g_m)x (two resamplings,
    // as the route would see a rotated input), probabilities averaged over g.
    const member0 = sliceMembers(this.da, 0, 1);
    const ga: Record<'in' | 'out', { labels: Int32Array; N: number; truth: Uint8Array }> = {} as never;
    try {
      for (const [key, set] of sets) {
        const N = Math.min(this.config.groupAverageCount, set.count);
        const labels = new Int32Array(n * N);
        for (let m = 0; m < n; m++) {
          const Xm = this.rotatedSet(set, N, this.tables[m]);
          const Xg = new Float32Array(n * N * this.pixels);
          for (let g = 0; g < n; g++) {
            const inv = this.tables[(n - g) % n];
            for (let i = 0; i < N; i++) applyRotationTable(inv, Xm, i * this.pixels, Xg, (g * N + i) * this.pixels, this.mask);
          }
          const p = await this.probabilities(member0, Xg, n * N);
          const avg = new Float32Array(c);
          for (let i = 0; i < N; i++) {
            avg.fill(0);
            for (let g = 0; g < n; g++) for (let j = 0; j < c; j++) avg[j] += p[(g * N + i) * c + j];
            labels[m * N + i] = argmaxAt(avg, 0, c);
          }
          await tick();
        }
        ga[key] = { labels, N, truth: set.labels.subarray(0, N) };
      }
    } finally {
      disposeParams(member0);
    }

    const accuracy = (pred: Int32Array, N: number, truth: Uint8Array): { mean: number; se: number } => {
      let ok = 0;
      for (let m = 0; m < n; m++) for (let i = 0; i < N; i++) if (pred[m * N + i] === truth[i]) ok++;
      const acc = ok / (n * N);
      return { mean: acc, se: Math.sqrt((acc * (1 - acc)) / (n * N)) };
    };
    const single = (labelsIn: Int32Array, NIn: number, truth: Uint8Array, labelsOut: Int32Array, NOut: number, passes: number): ImageRouteScores => {
      const a = accuracy(labelsIn, NIn, truth);
      const oi = orbitSamePredictionsFromLabels(labelsIn, n, NIn);
      const oo = orbitSamePredictionsFromLabels(labelsOut, n, NOut);
      return { accuracy: { mean: a.mean, std: NaN, se: a.se }, ospIn: { mean: oi.mean, std: NaN, se: oi.se }, ospOut: { mean: oo.mean, std: NaN, se: oo.se }, forwardPasses: passes };
    };
    const overMembers = (labelsIn: Int32Array[], labelsOut: Int32Array[], passes: number): ImageRouteScores => {
      const rows = labelsIn.map((l, k) => single(l, results.in.N, results.in.labels, labelsOut[k], results.out.N, passes));
      const agg = (f: (r: ImageRouteScores) => Score): Score => {
        const ms = meanAndStd(rows.map((r) => f(r).mean));
        return { mean: ms.mean, std: ms.std, se: ms.std / Math.sqrt(rows.length) };
      };
      return { accuracy: agg((r) => r.accuracy), ospIn: agg((r) => r.ospIn), ospOut: agg((r) => r.ospOut), forwardPasses: passes };
    };
    return {
      groupOrder: n,
      evalCount: results.in.N,
      oodCount: results.out.N,
      groupAverageCount: ga.in.N,
      routes: {
        ensemble: single(results.in.ens, results.in.N, results.in.labels, results.out.ens, results.out.N, E),
        member: overMembers(results.in.mem, results.out.mem, 1),
        canonical: overMembers(results.in.can, results.out.can, 1),
        groupAverage: single(ga.in.labels, ga.in.N, ga.in.truth, ga.out.labels, ga.out.N, n),
      },
    };
  }

  /**
   * The probe: image `index` of the test or OOD set rotated by θ (bilinear unless θ is a multiple of 90°, masked);
   * class probabilities of the ensemble, of every member and of the canonicalised route; predicted labels around the
   * C_n orbit of the unrotated image.
   */
  async probe(which: 'test' | 'ood', index: number, theta: number): Promise<ImageProbe> {
    this.assertLive(true);
    const set = which === 'test' ? this.test : this.ood;
    const i = Math.min(Math.max(0, Math.floor(index)), set.count - 1);
    const P = this.pixels;
    const { group: n, ensembleSize: E } = this.config;
    const c = this.classes;
    const image = new Float32Array(P);
    applyRotationTable(rotationTable(this.size, theta), set.pixels, i * P, image, 0, this.mask, 1 / 255);
    const orbit = new Float32Array(n * P);
    for (let m = 0; m < n; m++) applyRotationTable(this.tables[m], set.pixels, i * P, orbit, m * P, this.mask, 1 / 255);
    const all = new Float32Array((n + 1) * P);
    all.set(image, 0);
    all.set(orbit, P);
    const p = await this.probabilities(this.da, all, n + 1);
    const pc = await this.probabilities(this.canon, this.canonicalizedBatch(image, 1), 1);
    const members = new Float32Array(E * c);
    const ensemble = new Float32Array(c);
    for (let k = 0; k < E; k++)
      for (let j = 0; j < c; j++) {
        const v = p[(k * (n + 1)) * c + j];
        members[k * c + j] = v;
        ensemble[j] += v / E;
      }
    const orbitEnsemble = new Int32Array(n);
    const orbitMembers = new Int32Array(E * n);
    const avg = new Float32Array(c);
    for (let m = 0; m < n; m++) {
      avg.fill(0);
      for (let k = 0; k < E; k++) {
        const off = (k * (n + 1) + m + 1) * c;
        orbitMembers[k * n + m] = argmaxAt(p, off, c);
        for (let j = 0; j < c; j++) avg[j] += p[off + j];
      }
      orbitEnsemble[m] = argmaxAt(avg, 0, c);
    }
    return { image, label: set.labels[i], ensemble, members, canonical: pc, orbitEnsemble, orbitMembers };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeParams(this.da);
    disposeParams(this.canon);
    for (const t of this.lossTensors) t.dispose();
    this.lossTensors = [];
  }

  /** `whole`: the caller needs every member (the ensemble mean, member 0), not a pool worker's slice. */
  private assertLive(whole = false): void {
    if (this.disposed) throw new Error('ImageRun used after dispose()');
    if (whole && this.members.count !== this.config.ensembleSize) throw new Error('evaluating needs the whole ensemble, not a slice of its members');
  }
}
