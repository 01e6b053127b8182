/** The recording scripts' shared command line (scripts/recordingCli.ts): `[--backend name] [id …]`. */
import { describe, expect, it } from 'vitest';
import { parseRecordingArgs } from '../../../scripts/recordingCli';

describe('recording command line', () => {
  it('defaults to wasm and every id; --backend takes the next word, the other words pick ids', () => {
    const all = parseRecordingArgs([]);
    expect(all.backend).toBe('wasm');
    expect(all.wanted('tiny-C4')).toBe(true);
    const some = parseRecordingArgs(['quick-C8', '--backend', 'cpu', 'tiny-C4']);
    expect(some.backend).toBe('cpu');
    expect(['tiny-C4', 'quick-C4', 'quick-C8', 'cpu'].map(some.wanted)).toEqual([true, false, true, false]);
  });
});
