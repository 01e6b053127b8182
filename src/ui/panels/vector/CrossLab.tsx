/**
 * The 3D cross-product experiment: pairs (a, b) → a × b, octahedral augmentation, equivariance under random SO(3)
 * rotations against step and against E, and an SVG projection of a, b, a × b and the predictions.
 */
import { useState } from 'react';
import { logLogFit, logLogSlope, zipPoints } from '../../../core/metrics/logLogFit';
import { stepLabel } from '../../../core/ensemble/schedule';
import { LineChart, StepChart } from '../../charts/LineChart';
import { ArrowView3D, type Arrow3D } from '../../charts/ArrowView3D';
import { MEAN_COLOR, MEMBER_COLOR, meanMemberSeries } from '../../charts/meanMemberSeries';
import { LabTransport, Num } from './LabTransport';
import { SelectField } from '../../common/SelectField';
import type { VectorWorkerClient } from '../../../state/useVectorWorker';
import { useVectorStore, viewedSnapshot } from '../../../state/vectorStore';
import { Tex } from '../../common/LazyTex';

export interface CrossSettings {
  E: number;
  steps: number;
  pairs: number;
  augment: boolean;
}

export function CrossLab({ client, settings, setSetting }: { client: VectorWorkerClient; settings: CrossSettings; setSetting: (k: string, v: string) => void }) {
  const lab = useVectorStore((s) => s.cross);
  const snap = viewedSnapshot(lab);
  const [az, setAz] = useState(35);
  const [el, setEl] = useState(20);
  const [rot, setRot] = useState(0);
  const config = lab.config;
  const curve = snap?.sizeCurve;
  const meanFit = curve ? logLogFit(zipPoints(curve.sizes, curve.meanError)) : undefined;
  const slope = meanFit?.slope;
  const memberSlope = curve ? logLogSlope(zipPoints(curve.sizes, curve.memberError)) : undefined;
  const at = snap ? stepLabel(snap.step).toLowerCase() : 'before training';
  const M = config.rotations;
  const r = Math.min(rot, M);

  // The test pair under input rotation r: a, b, the true a × b, and the mean's and member 0's predictions.
  const p = snap?.probe;
  const vecs: Arrow3D[] = p
    ? [
        { v: Array.from(p.inputs.subarray(6 * r, 6 * r + 3)), color: '#555', label: 'a', testId: 'vec-a' },
        { v: Array.from(p.inputs.subarray(6 * r + 3, 6 * r + 6)), color: '#888', label: 'b', testId: 'vec-b' },
        { v: Array.from(p.target.subarray(3 * r, 3 * r + 3)), color: '#111', label: 'a × b', dash: '5 3', testId: 'vec-target' },
        { v: Array.from(p.mean.subarray(3 * r, 3 * r + 3)), color: MEAN_COLOR, label: 'mean', testId: 'vec-mean' },
        { v: Array.from(p.member.subarray(3 * r, 3 * r + 3)), color: MEMBER_COLOR, label: 'member 0', testId: 'vec-member' },
      ]
    : [];

  return (
    <div className="vector-cross">
      <div className="controls" role="group" aria-label="Cross-product settings">
        <SelectField label="Ensemble size E" value={settings.E} options={[4, 8, 16, 32, 64]} onChange={(v) => setSetting('xE', String(v))} />
        <SelectField label="Training pairs" value={settings.pairs} options={[4, 8, 16, 32]} onChange={(v) => setSetting('xpairs', String(v))} />
        <SelectField label="Steps" value={settings.steps} options={[100, 300, 1000, 2000]} onChange={(v) => setSetting('xsteps', String(v))} />
        <label className="field">
          <input type="checkbox" checked={settings.augment} onChange={(e) => setSetting('xaug', e.target.checked ? '1' : '0')} /> Augment with the octahedral group (24 rotations)
        </label>
      </div>
      <LabTransport lab="cross" client={client} />
      <p>
        {config.ensembleSize} networks 6 → {config.width} × {config.depth} → 3 learn (a, b) ↦ a × b from {config.trainPairs} pairs
        {config.augment ? ' × 24 octahedral rotations' : ' (no augmentation)'}. Equivariance is measured under {M} Haar-random SO(3) rotations on {config.testPairs} test pairs:{' '}
        <Tex>{'\\operatorname{dev}(x) = \\sqrt{\\tfrac{1}{M+1} \\sum_R \\|R^{\\mathsf T} f(Ra, Rb) - \\bar v\\|^2}'}</Tex>, error = mean over test pairs.
      </p>
      <div className="figure-grid">
        <div className="figure-card">
          <h3>Errors, {at}</h3>
          <table className="numbers">
            <tbody>
              <tr>
                <th scope="row">equivariance error, mean</th>
                <td><Num testId="cross-mean-error" value={snap?.mean.error} /></td>
              </tr>
              <tr>
                <th scope="row">equivariance error, member (avg)</th>
                <td><Num testId="cross-member-error" value={snap?.member.error} /></td>
              </tr>
              <tr>
                <th scope="row">relative, mean / member</th>
                <td>
                  <Num testId="cross-mean-relative" value={snap?.mean.relative} /> / <Num testId="cross-member-relative" value={snap?.member.relative} />
                </td>
              </tr>
              <tr>
                <th scope="row">fit ‖f − a×b‖, mean / member</th>
                <td>
                  <Num testId="cross-mean-fit" value={snap?.mean.fitError} /> / <Num testId="cross-member-fit" value={snap?.member.fitError} />
                </td>
              </tr>
              <tr>
                <th scope="row">log–log slope against E, mean (± standard error of the fit; independent members: −½) / member</th>
                <td>
                  <Num testId="cross-slope-mean" value={slope} digits={2} /> ± <Num testId="cross-slope-mean-se" value={meanFit?.standardError} digits={1} /> /{' '}
                  <Num testId="cross-slope-member" value={memberSlope} digits={2} />
                </td>
              </tr>
            </tbody>
          </table>
        </div>
        <div className="figure-card">
          <h3>Error against ensemble size</h3>
          <LineChart
            title="Equivariance error against E"
            testId="chart-cross-size"
            series={[
              ...meanMemberSeries(curve?.sizes ?? [], (s) => s, (_, i) => curve?.meanError[i] ?? NaN, (_, i) => curve?.memberError[i] ?? NaN, ['mean of s members', 'one member']),
              { label: 'slope −1/2', color: '#999', dash: '4 3', points: curve ? curve.sizes.map((s) => [s, curve.meanError[0] / Math.sqrt(s)]) : [] },
            ]}
            xLabel="ensemble size s"
            yLabel="error under random SO(3)"
            logX
            logY
            summary={`fitted slope ${slope?.toFixed(2) ?? '–'}`}
          />
        </div>
        <div className="figure-card">
          <h3>Error against training step</h3>
          <StepChart
            title="Equivariance error against step"
            testId="chart-cross-step"
            series={meanMemberSeries(lab.snapshots, (s) => s.step, (s) => s.mean.error, (s) => s.member.error, ['mean', 'member (avg)'])}
            yLabel="error under random SO(3)"
            step={snap?.step}
            summary={`${lab.snapshots.length} snapshots`}
          />
        </div>
        <div className="figure-card">
          <h3>3D view of a test pair</h3>
          <ArrowView3D arrows={vecs} azimuthDeg={az} elevationDeg={el} testId="cross-view" label="Projection of a, b, the true a × b, and the mean's and member's predictions" />
          <label className="field">
            Azimuth <input type="range" min={0} max={359} value={az} onChange={(e) => setAz(Number(e.target.value))} aria-valuetext={`${az} degrees`} /> {az}°
          </label>
          <label className="field">
            Elevation <input type="range" min={-89} max={89} value={el} onChange={(e) => setEl(Number(e.target.value))} aria-valuetext={`${el} degrees`} /> {el}°
          </label>
          <label className="field">
            Input rotation <input type="range" min={0} max={M} value={r} onChange={(e) => setRot(Number(e.target.value))} aria-valuetext={r === 0 ? 'identity' : `random rotation ${r}`} />{' '}
            {r === 0 ? 'identity' : `random R${r}`}
          </label>
          <figcaption>Rotate the input pair with a random SO(3) rotation: a × b turns with it; the mean's prediction follows it more closely than the member's.</figcaption>
        </div>
      </div>
    </div>
  );
}
