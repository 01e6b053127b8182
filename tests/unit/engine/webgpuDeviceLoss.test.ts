/// <reference types="@webgpu/types" />
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { DEFAULT_CONFIG, type EnsembleConfig } from '../../../src/core';
import type { ToyCheckpoint } from '../../../src/core/ensemble/toyRun';
import { installWebgpuFusedStep } from '../../../src/core/ensemble/webgpuFusedStep';
import { selectStepEngine } from '../../../src/core/ensemble/selectStepEngine';
import type { BackendName, TrainerEvent } from '../../../src/worker/protocol';
import { maxRelDiff } from './stepComparison';
import { webgpuForTests } from './nodeWebgpu';
import { until } from './until';

// A WebGPU device lost in the middle of a multi-step submit (Dawn on SwiftShader here; its own test file because a
// destroyed device stays destroyed for the file's tfjs): the training session reports `device-lost`, its last
// checkpoint precedes the loss and holds finite numbers, and a new session on another backend resumed from that
// checkpoint (what the page's client does) ends with the parameters of a run that was never interrupted.

const CONFIG: EnsembleConfig = { ...DEFAULT_CONFIG, ensembleSize: 4, width: 16, steps: 100 };

// Imported once WebGPU is set up: the session's backend host loads tfjs-backend-webgpu, which registers the backend
// only if navigator.gpu exists when it is first imported.
let TrainerSession: typeof import('../../../src/worker/trainerSession').TrainerSession;
const setup = webgpuForTests('the device-loss test', async () => {
  ({ TrainerSession } = await import('../../../src/worker/trainerSession'));
  expect(await installWebgpuFusedStep()).toBeNull();
});

interface GpuBackend {
  device: GPUDevice;
  submitQueue(): void;
}

function session(backend: BackendName, events: TrainerEvent[], onChosen?: (lost: (m: string) => void) => void) {
  return new TrainerSession(
    (e) => events.push(e),
    async () => {
      await tf.setBackend(backend);
      // The step engine for this backend, chosen once as the worker's backend set-up does (fused WGSL on webgpu).
      selectStepEngine(backend);
      return { backend, reason: 'test', probes: [{ name: backend, ok: true, reason: 'test' }] };
    },
    (lost) => onChosen?.(lost),
  );
}


const checkpoints = (events: TrainerEvent[]) => events.flatMap((e) => (e.type === 'checkpoint' ? [e.checkpoint] : []));
const flatParams = (cp: ToyCheckpoint) => cp.params.flatMap((m) => m.layers.flatMap((l) => [...l.W, ...l.b]));

describe('a WebGPU device lost in the middle of a multi-step submit', () => {
  it('is reported, and the run resumes on another backend from the last checkpoint to the same end', async (ctx) => {
    if (setup.noAdapter) return ctx.skip(setup.noAdapter);
    // The uninterrupted run, on cpu.
    const clean: TrainerEvent[] = [];
    const reference = session('cpu', clean);
    reference.handle({ v: 1, type: 'init', backend: 'cpu' });
    reference.handle({ v: 1, type: 'setConfig', config: CONFIG });
    reference.handle({ v: 1, type: 'start' });
    await until(() => clean.some((e) => e.type === 'progress' && e.status === 'done'), 120_000);
    const want = checkpoints(clean).at(-1)!;
    expect(want.step).toBe(100);
    reference.dispose();

    // On webgpu, the device is destroyed right after the first GPU submit that follows the step-30 checkpoint: the
    // submit of the chunk of steps from 30 towards the loss check at 50, many steps in one command buffer.
    const events: TrainerEvent[] = [];
    let armed = false;
    let lostAtStep: number | undefined;
    // Steps in the latest fused kernel call, and in the one whose submit the device died under.
    let stepsInCall = 0;
    let stepsInLostSubmit = 0;
    const engine = tf.engine() as unknown as { runKernel(name: string, inputs: unknown, attrs: { steps?: number }): unknown };
    const runKernel = engine.runKernel.bind(engine);
    engine.runKernel = (name, inputs, attrs) => {
      if (name === 'SymlabWebgpuSgdSteps') stepsInCall = attrs.steps ?? 1;
      return runKernel(name, inputs, attrs);
    };
    const gpu = session('webgpu', events, (lost) => {
      const be = tf.backend() as unknown as GpuBackend;
      void be.device.lost.then((info) => lost(`the WebGPU device was lost (${info.reason}: ${info.message})`));
      const submit = be.submitQueue.bind(be);
      be.submitQueue = () => {
        submit();
        if (armed && stepsInCall > 1) {
          armed = false;
          stepsInLostSubmit = stepsInCall;
          be.device.destroy();
        }
      };
    });
    gpu.handle({ v: 1, type: 'init' });
    gpu.handle({ v: 1, type: 'setConfig', config: CONFIG });
    gpu.handle({ v: 1, type: 'start' });
    await until(() => checkpoints(events).some((cp) => cp.step >= 30), 120_000);
    armed = true;
    await until(() => events.some((e) => e.type === 'error'), 120_000);
    expect(stepsInLostSubmit).toBeGreaterThan(1);
    const error = events.find((e) => e.type === 'error')!;
    expect(error.type === 'error' && error.kind).toBe('device-lost');
    if (error.type === 'error') lostAtStep = error.step;
    const last = checkpoints(events).at(-1)!;
    expect(last.step).toBeGreaterThanOrEqual(30);
    expect(last.step).toBeLessThan(100);
    expect(lostAtStep).toBeGreaterThanOrEqual(last.step);
    expect(flatParams(last).every(Number.isFinite)).toBe(true);
    // No snapshot after the loss: the timeline keeps only what was computed before it.
    expect(events.filter((e) => e.type === 'snapshot').every((e) => e.type === 'snapshot' && e.snapshot.step <= last.step)).toBe(true);

    // The page's recovery: a new worker on the next backend, resumed from that checkpoint.
    const resumed: TrainerEvent[] = [];
    const next = session('cpu', resumed);
    next.handle({ v: 1, type: 'init', backend: 'cpu' });
    next.handle({ v: 1, type: 'resume', checkpoint: last, config: CONFIG, autoplay: true });
    await until(() => resumed.some((e) => e.type === 'progress' && e.status === 'done'), 120_000);
    const got = checkpoints(resumed).at(-1)!;
    expect(got.step).toBe(100);
    // webgpu (fused WGSL) up to the checkpoint, cpu after it: equal to the all-cpu run up to f32 summation order.
    expect(maxRelDiff(flatParams(got), flatParams(want))).toBeLessThan(1e-4);
    expect(maxRelDiff(flatParams(got), flatParams(last))).toBeGreaterThan(1e-4);
    next.dispose();
  });
});
