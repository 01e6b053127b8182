/** The toy lab's configuration controls. Every control is labelled, keyboard-operable, and lives in the URL. */
import { useEffect, useState } from 'react';
import { CONFIG_LIMITS, type EnsembleConfig } from '../../../core/ensemble/config';
import { groupName, parseGroupName } from '../../../core/ensemble/groupSpec';
import { snapshotSchedule, timelineSchedule } from '../../../core/ensemble/schedule';
import { AugmentationNote } from './AugmentationNote';
import { RunCostLine } from './RunCostLine';
import { MemberInitSelect } from './MemberInitSelect';

interface Props {
  config: EnsembleConfig;
  /** Returns the notices of the clamp (e.g. E moved to a multiple of |G|), shown beside the control. */
  update: (patch: Partial<EnsembleConfig>) => string[] | void;
  hidden?: Set<string>;
  /** Offer the smooth-animation switch (the toy lab, whose timeline animates the run). */
  animationOption?: boolean;
}

/** A number input that commits on blur or Enter, so typing "0.05" does not retrain at "0" and "0.0". */
function NumberField(props: {
  label: string;
  name: string;
  value: number;
  min: number;
  max: number;
  step: number | 'any';
  onCommit: (v: number) => void;
}) {
  const [text, setText] = useState(String(props.value));
  useEffect(() => setText(String(props.value)), [props.value]);
  const commit = () => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) setText(String(props.value));
    else if (v !== props.value) props.onCommit(v);
  };
  return (
    <label>
      {props.label}
      <input
        type="number"
        name={props.name}
        value={text}
        min={props.min}
        max={props.max}
        step={props.step}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </label>
  );
}

const GROUP_OPTIONS = ['none', 'C2', 'C4', 'C8', 'C16', 'SO2:1', 'SO2:2', 'SO2:4', 'SO2:8'];

export function ToyControls({ config, update: rawUpdate, hidden = new Set(), animationOption = false }: Props) {
  const L = CONFIG_LIMITS;
  // What the last change adjusted (e.g. E moved to a multiple of |G| for orbit-closed members), said where the user acted.
  const [changeNotices, setChangeNotices] = useState<string[]>([]);
  const update = (patch: Partial<EnsembleConfig>) => setChangeNotices(rawUpdate(patch) ?? []);
  const show = (k: string) => !hidden.has(k);
  return (
    <div className="controls" role="group" aria-label="Configuration">
      {show('group') && (
        <label>
          Augmentation group
          <select
            value={groupName(config.group)}
            onChange={(e) => {
              const g = parseGroupName(e.target.value);
              if (g) update({ group: g });
            }}
          >
            {GROUP_OPTIONS.map((g) => (
              <option key={g} value={g}>
                {g === 'none' ? 'none' : g.startsWith('SO2') ? `random SO(2) angles, ${g.split(':')[1]} per step` : g}
              </option>
            ))}
          </select>
        </label>
      )}
      {show('group') && <AugmentationNote group={config.group} />}
      {show('E') && (
        <NumberField label="Ensemble size E" name="E" value={config.ensembleSize} min={L.ensembleSize.min} max={L.ensembleSize.max} step={1} onCommit={(v) => update({ ensembleSize: v })} />
      )}
      {show('width') && <NumberField label="Width" name="width" value={config.width} min={L.width.min} max={L.width.max} step={1} onCommit={(v) => update({ width: v })} />}
      {show('depth') && <NumberField label="Depth" name="depth" value={config.depth} min={L.depth.min} max={L.depth.max} step={1} onCommit={(v) => update({ depth: v })} />}
      {show('lr') && <NumberField label="Learning rate" name="lr" value={config.lr} min={L.lr.min} max={L.lr.max} step="any" onCommit={(v) => update({ lr: v })} />}
      {show('seed') && <NumberField label="Seed" name="seed" value={config.seed} min={L.seed.min} max={L.seed.max} step={1} onCommit={(v) => update({ seed: v })} />}
      {show('steps') && <NumberField label="Steps" name="steps" value={config.steps} min={L.steps.min} max={L.steps.max} step={1} onCommit={(v) => update({ steps: v })} />}
      {show('anti') && show('init') && <MemberInitSelect config={config} update={update} />}
      {animationOption && show('frames') && (
        <label
          title="On: light frames (a real evaluation on a coarser grid) between the full snapshots, so scrubbing and playback look continuous. Off: the full snapshots only, and the run is faster by the frames' share."
        >
          <input type="checkbox" name="frames" checked={config.lightFrames} onChange={(e) => update({ lightFrames: e.target.checked })} />
          Smooth animation ({timelineSchedule(config.steps, true).length} frames, not {snapshotSchedule(config.steps).length})
        </label>
      )}
      {changeNotices.length > 0 && (
        <p role="status" className="notice" data-testid="config-change-notice">
          {changeNotices.join(' ')}
        </p>
      )}
      {show('cost') && <RunCostLine config={config} />}
    </div>
  );
}
