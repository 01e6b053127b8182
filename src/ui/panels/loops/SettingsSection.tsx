/** The loops lab's Monte Carlo settings (all in the URL), what was clamped, and what the worker reported. */
import { memo } from 'react';
import { useLoopsStore } from '../../../state/loopsStore';
import type { LoopsInputs } from '../../../state/loopsSettings';
import { Tex } from '../../common/Tex';
import { NoticeList } from './NoticeList';

interface Props {
  workerError: string | null;
  recovery: string | null;
}

/** A number box bound to one typed setting: the text stays as typed, the store clamps and says so. */
function NumberSetting({ label, name, min, max, step }: { label: string; name: 'L' | 'beta' | 'therm' | 'sweeps' | 'extent'; min?: number; max?: number; step?: number }) {
  const value = useLoopsStore((s) => s.inputs[name]);
  const setInputs = useLoopsStore((s) => s.setInputs);
  return (
    <label>
      {label}
      <input type="number" value={value} onChange={(e) => setInputs({ [name]: e.target.value } as Partial<LoopsInputs>)} min={min} max={max} step={step} />
    </label>
  );
}

function SettingsSectionImpl({ workerError, recovery }: Props) {
  const group = useLoopsStore((s) => s.inputs.group);
  const seed = useLoopsStore((s) => s.inputs.seed);
  const beta = useLoopsStore((s) => s.view.beta);
  const L = useLoopsStore((s) => s.view.L);
  const notices = useLoopsStore((s) => s.notices);
  const setInputs = useLoopsStore((s) => s.setInputs);
  return (
    <>
      <div className="controls" role="group" aria-label="Lattice settings">
        <label>
          Gauge group
          <select value={group} onChange={(e) => setInputs({ group: e.target.value as LoopsInputs['group'] })}>
            <option value="SU2">SU(2)</option>
            <option value="U1">U(1)</option>
          </select>
        </label>
        <NumberSetting label="Lattice size L" name="L" min={2} max={64} step={1} />
        <label>
          β (slider)
          <input type="range" min={0} max={8} step={0.1} value={Math.min(8, beta)} onChange={(e) => setInputs({ beta: e.target.value })} />
        </label>
        <NumberSetting label="β" name="beta" step={0.1} />
        <NumberSetting label="Thermalisation sweeps" name="therm" min={0} />
        <NumberSetting label="Measured sweeps" name="sweeps" min={20} />
        <NumberSetting label="Largest loop R = T" name="extent" min={1} max={8} />
        <label>
          Seed
          <input type="number" value={seed} onChange={(e) => setInputs({ seed: Math.trunc(Number(e.target.value)) || 0 })} />
        </label>
      </div>
      <NoticeList notices={notices} testId="settings-notices" />
      {L < 16 && (
        <p className="notice" data-testid="small-lattice">
          <Tex>{`L = ${L}`}</Tex> is small: loops that cover a sizeable part of the <Tex>{`${L}\\times ${L}`}</Tex> torus deviate from the
          infinite-volume line (<Tex>{'L \\ge 16'}</Tex> keeps that below the error bars).
        </p>
      )}
      {workerError && (
        <div className="error-box" role="alert">
          {workerError}
        </div>
      )}
      {recovery && (
        <div className="notice" role="status" data-testid="lattice-recovery">
          {recovery}
        </div>
      )}
    </>
  );
}

/** Memoised: the worker's progress re-renders the panel about 8 times a second; this section does not depend on it. */
export const SettingsSection = memo(SettingsSectionImpl);
