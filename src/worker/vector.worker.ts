/// <reference lib="webworker" />
/**
 * The vector-lab worker: owns a tfjs backend and trains the planar vector ensemble and the 3D cross-product
 * ensemble. The page never trains. Each lab is a `RunSession` on the worker kit: its own run, target step and
 * status, and one serial loop that brings the run to the target, yielding between chunks so pause and reset act
 * at once.
 */
import { clampCrossConfig, CrossRun, crossSnapshotTransferables, DEFAULT_CROSS_CONFIG, type CrossConfig, type CrossSnapshot } from '../core/equivariance/crossProduct';
import { clampVectorConfig, DEFAULT_VECTOR_CONFIG, type VectorConfig } from '../core/equivariance/vectorConfig';
import { VectorRun, vectorSnapshotTransferables, type VectorSnapshot } from '../core/equivariance/vectorTrainer';
import { ensembleCheckpointTransferables } from '../core/ensemble/ensembleCheckpoint';
import type { MemberSlice } from '../core/ensemble/memberSlice';
import type { RawSlice } from '../core/ensemble/sliceMerge';
import { CrossSliceRun, rawSliceTransferables, VectorSliceRun } from '../core/equivariance/sliceRuns';
import { BackendHost } from './backendHost';
import { RunSession, type RunSessionEvents } from './runSession';
import { validateVectorCommand, type VectorCommand, type VectorEvent, type VectorLab } from './vectorProtocol';
import { serveWorker, WorkerKit, type Post } from './workerKit';

const errorEvent = (message: string): VectorEvent => ({ v: 1, type: 'error', message });

/** The message handler, separate from `self` so it can be driven with a fake `post`. */
export function createVectorWorkerHandler(post: Post<VectorEvent>, backend?: BackendHost): (data: unknown) => void {
  const host =
    backend ??
    new BackendHost({
      announce: (c) => post({ v: 1, type: 'backend', backend: c.backend, reason: c.reason }),
      failed: (message) => post(errorEvent(message)),
      lost: (message) => post({ v: 1, type: 'error', kind: 'device-lost', message }),
    });
  const kit = new WorkerKit<VectorCommand, VectorEvent>(post, { validate: validateVectorCommand, errorEvent, loseDevice: () => host.loseDevice() });
  let selectedMember = 0;
  /** Per lab, the members this worker trains when it is one of a pool (undefined: every member). */
  const slices: Partial<Record<VectorLab, MemberSlice>> = {};

  /** The events every lab posts, tagged with its name; only the snapshot differs (a pool's slice posts it raw). */
  const labEvents = <C, S>(lab: VectorLab, whole: (runId: number, s: S) => void): RunSessionEvents<C, S | RawSlice> => ({
    config: (runId, config, notices, schedule, resumedFrom) =>
      post({ v: 1, type: 'config', lab, runId, config, notices, schedule, resumedFrom } as unknown as VectorEvent),
    snapshot: (runId, s) =>
      'raw' in (s as object)
        ? post({ v: 1, type: 'rawSlice', lab, runId, start: (s as RawSlice).start, raw: (s as RawSlice).raw }, rawSliceTransferables(s as RawSlice))
        : whole(runId, s as S),
    checkpoint: (runId, checkpoint) => post({ v: 1, type: 'checkpoint', lab, runId, checkpoint }, ensembleCheckpointTransferables(checkpoint)),
    progress: (runId, p) => post({ v: 1, type: 'progress', lab, runId, ...p }),
    error: (runId, message, step) => post({ v: 1, type: 'error', lab, runId, message, step }),
  });
  const common = { backend: host, betweenSlices: () => kit.betweenSlices() };

  const plane = new RunSession<VectorConfig, VectorSnapshot | RawSlice>({
    ...common,
    defaults: DEFAULT_VECTOR_CONFIG,
    clamp: (raw) => clampVectorConfig(raw),
    create: (config, checkpoint) =>
      slices.plane
        ? new VectorSliceRun(config, slices.plane, { checkpoint })
        : new VectorRun(config, { selectedMember: Math.min(selectedMember, config.ensembleSize - 1), checkpoint }),
    events: labEvents('plane', (runId, snapshot) => post({ v: 1, type: 'planeSnapshot', runId, snapshot }, vectorSnapshotTransferables(snapshot))),
  });
  const cross = new RunSession<CrossConfig, CrossSnapshot | RawSlice>({
    ...common,
    defaults: DEFAULT_CROSS_CONFIG,
    clamp: (raw) => clampCrossConfig(raw),
    create: (config, checkpoint) => (slices.cross ? new CrossSliceRun(config, slices.cross, { checkpoint }) : new CrossRun(config, { checkpoint })),
    events: labEvents('cross', (runId, snapshot) => post({ v: 1, type: 'crossSnapshot', runId, snapshot }, crossSnapshotTransferables(snapshot))),
  });

  return kit.handler((cmd) => {
    if (cmd.type === 'init') {
      void host.init(cmd.backend ?? 'auto', cmd.exclude ?? []);
      return;
    }
    if (cmd.type === 'selectMember') {
      selectedMember = cmd.member;
      return;
    }
    const session = cmd.lab === 'plane' ? plane : cross;
    if (cmd.type === 'configure' || cmd.type === 'resume') slices[cmd.lab] = cmd.slice;
    switch (cmd.type) {
      case 'configure':
        return session.configure(cmd.config, cmd.autoplay === true);
      case 'resume':
        return session.configure(cmd.config, cmd.autoplay === true, cmd.checkpoint);
      case 'start':
        return session.start();
      case 'pause':
        return session.pause();
      case 'step':
        return session.stepBy(cmd.count ?? 1);
      case 'reset':
        return session.reset();
    }
  });
}

serveWorker(createVectorWorkerHandler, errorEvent);
