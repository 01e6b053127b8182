import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from './setupCpu';
import { DEFAULT_CONFIG, type EnsembleConfig } from '../../../src/core';
import { TrainerSession } from '../../../src/worker/trainerSession';
import type { BackendName, TrainerEvent } from '../../../src/worker/protocol';
import { until } from './until';

// The training session asks for the backend with the configuration it is about to train, so the probe times the real
// step; it asks again only when E·W² leaves the measured class (⌊log₄(E·W²)⌋), and never when backend= forces one.

const SMALL: EnsembleConfig = { ...DEFAULT_CONFIG, ensembleSize: 4, width: 16, steps: 3 }; // E·W² = 1024 = 4⁵

beforeAll(async () => {
  await useCpuBackend();
});

function makeSession() {
  const events: TrainerEvent[] = [];
  const asked: { preferred: BackendName | 'auto'; E?: number; W?: number }[] = [];
  /** Device watchers set up: one per backend chosen, not one per measurement. */
  const watchers = { count: 0 };
  const session = new TrainerSession(
    (e) => events.push(e),
    async (preferred, _exclude, config) => {
      asked.push({ preferred, E: config?.ensembleSize, W: config?.width });
      return { backend: 'cpu', reason: 'test', probes: [{ name: 'cpu', ok: true, reason: 'test', msPerStep: 1 }] };
    },
    () => void watchers.count++,
  );
  return { events, asked, watchers, session };
}


const configs = (events: TrainerEvent[]) => events.filter((e) => e.type === 'snapshot').length;

describe('the backend is chosen for the configuration being trained', () => {
  it('init followed by setConfig: one probe, of that config, not of the default', async () => {
    const { events, asked, session } = makeSession();
    session.handle({ v: 1, type: 'init' });
    session.handle({ v: 1, type: 'setConfig', config: SMALL });
    await until(() => configs(events) > 0);
    expect(asked).toEqual([{ preferred: 'auto', E: 4, W: 16 }]);
    session.dispose();
  });

  it('re-measures when E·W² crosses a power of 4, not when it moves within one', async () => {
    const { events, asked, watchers, session } = makeSession();
    session.handle({ v: 1, type: 'init' });
    session.handle({ v: 1, type: 'setConfig', config: SMALL });
    await until(() => configs(events) > 0);
    // W 16 → 31: E·W² = 3844 < 4⁶, same class.
    session.handle({ v: 1, type: 'setConfig', config: { ...SMALL, width: 31 } });
    await until(() => configs(events) > 1);
    expect(asked).toHaveLength(1);
    // W 32: E·W² = 4096 = 4⁶, a new class: measured again, with the new config.
    session.handle({ v: 1, type: 'setConfig', config: { ...SMALL, width: 32 } });
    await until(() => configs(events) > 2);
    expect(asked).toEqual([
      { preferred: 'auto', E: 4, W: 16 },
      { preferred: 'auto', E: 4, W: 32 },
    ]);
    expect(events.filter((e) => e.type === 'backend')).toHaveLength(2);
    // The re-measurement kept cpu, so it kept cpu's device watcher (a second one would report one loss twice).
    expect(watchers.count).toBe(1);
    session.dispose();
  });

  it('backend= forced: asked once, never re-measured', async () => {
    const { events, asked, session } = makeSession();
    session.handle({ v: 1, type: 'init', backend: 'cpu' });
    session.handle({ v: 1, type: 'setConfig', config: SMALL });
    await until(() => configs(events) > 0);
    session.handle({ v: 1, type: 'setConfig', config: { ...SMALL, ensembleSize: 64, width: 64 } });
    await until(() => configs(events) > 1);
    expect(asked.map((a) => a.preferred)).toEqual(['cpu']);
    session.dispose();
  });
});
