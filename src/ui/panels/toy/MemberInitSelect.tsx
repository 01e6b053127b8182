/**
 * "Members drawn": independent / antithetic pairs / orbit-closed (exact), for the toy and orbit labs. Orbit-closed
 * members need C_n with n > 1 and E a multiple of n; the config clamp enforces both, and ToyControls shows its
 * notice where the user just acted.
 */
import { memberInitOf, memberInitPatch, type EnsembleConfig } from '../../../core/ensemble/config';
import { MEMBER_INIT_LABELS, MEMBER_INITS, parseMemberInit } from '../../../core/ensemble/orbitInit';

export function MemberInitSelect({
  config,
  update,
}: {
  config: EnsembleConfig;
  update: (patch: Partial<EnsembleConfig>) => void;
}) {
  const n = config.group.kind === 'cyclic' ? config.group.n : 0;
  return (
    <>
      <label title="Independent: the paper's i.i.d. members. Antithetic pairs: members 2i and 2i+1 differ by a negated output layer (mean 0 at initialisation). Orbit-closed: every drawn network comes with all its rotations g·θ, g ∈ C_n, so the mean is exactly C_n-invariant at every step.">
        Members drawn
        <select
          name="init"
          value={memberInitOf(config)}
          onChange={(e) => {
            const init = parseMemberInit(e.target.value);
            if (init) update(memberInitPatch(init));
          }}
        >
          {MEMBER_INITS.map((i) => (
            <option key={i} value={i}>
              {MEMBER_INIT_LABELS[i]}
            </option>
          ))}
        </select>
      </label>
      {config.orbitClosed && n > 1 && (
        <p className="readout" data-testid="orbit-closed-note">
          E = {config.ensembleSize} = {config.ensembleSize / n} drawn networks × |C{n}| = {n} rotations each. The mean is C{n}-invariant
          exactly in exact arithmetic; in float32 its orbit deviation stays near 1e-7 (with ReLU, rounding at a kink can leave ~3e-4 late in training).
        </p>
      )}
    </>
  );
}
