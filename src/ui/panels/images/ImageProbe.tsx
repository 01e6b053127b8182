/** The probe: rotate one image with a slider; class probabilities of the ensemble and every member; labels around the orbit. */
import { useEffect, useState } from 'react';
import type { ImageProbe } from '../../../core/images/imageRun';
import { getImagesClient } from '../../../state/imagesClient';
import type { ImagesResult, ImagesState } from '../../../state/imagesStore';
import { GreyImage } from '../../charts/GreyImage';
import { ProbabilityBars } from '../../charts/ProbabilityBars';

/** What a probe shows: the rotated image, the ensemble's and every member's class probabilities, the labels around the orbit. */
export function ProbeView({ p, set, classes, oodClasses, size, n, E, deg }: { p: ImageProbe; set: 'test' | 'ood'; classes: string[]; oodClasses: string[]; size: number; n: number; E: number; deg: number }) {
  const truthName = set === 'test' ? classes[p.label] : `digit ${oodClasses[p.label]}`;
  return (
    <>
      <div className="probe-grid">
        <div>
          <GreyImage image={p.image} size={size} label={`${truthName}, rotated by ${deg} degrees`} />
          <p className="readout">
            true: {truthName}
            {set === 'ood' && ' (no FashionMNIST class fits: the question is only whether the prediction changes with the rotation)'}
          </p>
        </div>
        <ProbabilityBars probs={p.ensemble} classes={classes} title={`Ensemble mean (E = ${E})`} testId="probe-ensemble" highlight={set === 'test' ? p.label : undefined} />
        <div className="member-bars">
          {Array.from({ length: E }, (_, k) => (
            <ProbabilityBars key={k} probs={p.members.subarray(k * classes.length, (k + 1) * classes.length)} classes={classes} title={`Member ${k}`} testId={`probe-member-${k}`} />
          ))}
        </div>
      </div>
      <table className="numbers orbit-strip" aria-label="Predicted labels around the orbit" data-testid="probe-orbit">
        <thead>
          <tr>
            <th scope="col">rotation</th>
            {Array.from({ length: n }, (_, m) => (
              <th scope="col" key={m}>
                {((360 * m) / n).toFixed(m * 360 % n === 0 ? 0 : 1)}°
              </th>
            ))}
            <th scope="col">OSP</th>
          </tr>
        </thead>
        <tbody>
          {[{ name: 'ensemble', labels: Array.from(p.orbitEnsemble) }, ...Array.from({ length: E }, (_, k) => ({ name: `member ${k}`, labels: Array.from(p.orbitMembers.subarray(k * n, (k + 1) * n)) }))].map((row) => {
            const same = row.labels.filter((l) => l === row.labels[0]).length;
            return (
              <tr key={row.name}>
                <th scope="row">{row.name}</th>
                {row.labels.map((l, m) => (
                  <td key={m} className={l === row.labels[0] ? 'same' : 'differs'} title={classes[l]}>
                    {classes[l].split(/[ /-]/)[0]}
                  </td>
                ))}
                <td data-testid={`probe-osp-${row.name.replace(' ', '-')}`} data-value={same}>
                  {same} / {n}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

export function ImageProbePanel({ result, data, probe }: { result: ImagesResult; data: NonNullable<ImagesState['data']>; probe: ImagesState['probe'] }) {
  const [set, setSet] = useState<'test' | 'ood'>('ood');
  const [index, setIndex] = useState(0);
  const [deg, setDeg] = useState(0);
  const n = result.config.group;
  const E = result.config.ensembleSize;
  const count = set === 'test' ? data.test : data.ood;

  useEffect(() => {
    getImagesClient().probe(set, Math.min(index, count - 1), (deg * Math.PI) / 180);
  }, [result.runId, set, index, deg, count]);

  const p: ImageProbe | undefined = probe?.probe;
  const classes = data.classes;
  return (
    <div className="figure-card images-probe" data-testid="images-probe">
      <h3>Probe: rotate one image</h3>
      <div className="controls">
        <label>
          Images{' '}
          <select value={set} onChange={(e) => setSet(e.target.value as 'test' | 'ood')} aria-label="Probe image set">
            <option value="test">FashionMNIST test (in distribution)</option>
            <option value="ood">MNIST digits (out of distribution)</option>
          </select>
        </label>
        <label>
          Image{' '}
          <input type="number" min={0} max={count - 1} value={index} aria-label="Probe image index" onChange={(e) => setIndex(Math.min(count - 1, Math.max(0, Math.round(Number(e.target.value) || 0))))} />
        </label>
        <label className="probe-slider">
          Rotation {deg}°{' '}
          <input type="range" min={0} max={359} step={1} value={deg} aria-label="Rotation angle in degrees" onChange={(e) => setDeg(Number(e.target.value))} />
        </label>
        <span className="muted">Multiples of {360 / n}° are elements of C{n}.</span>
      </div>
      {p && <ProbeView p={p} set={set} classes={classes} oodClasses={data.oodClasses} size={data.size} n={n} E={E} deg={deg} />}
    </div>
  );
}
