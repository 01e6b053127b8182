/** The lattice view of the configuration in the store, with the path, loop, cursor and transformed site on it. */
import { memo } from 'react';
import { useLoopsStore } from '../../../state/loopsStore';
import { LatticeView } from '../../charts/LatticeView';

function LatticeSectionImpl() {
  const field = useLoopsStore((s) => s.config.field);
  const origin = useLoopsStore((s) => s.config.origin);
  const path = useLoopsStore((s) => s.path);
  const loop = useLoopsStore((s) => s.loop);
  const gaugeSite = useLoopsStore((s) => s.gaugeSite?.site ?? null);
  const cursor = useLoopsStore((s) => s.cursor);
  const mode = useLoopsStore((s) => s.mode);
  const setCursor = useLoopsStore((s) => s.setCursor);
  const activateSite = useLoopsStore((s) => s.activateSite);
  const L = field.geom.dims[0];
  const activateHint = mode === 'loop' ? 'Clicking a site adds it to the loop path.' : 'Clicking a site applies the chosen group element there.';
  return (
    <div>
      <LatticeView
        field={field}
        size={Math.min(520, Math.max(260, L * 30 + 28))}
        path={path}
        loop={loop}
        gaugeSite={gaugeSite}
        cursor={cursor}
        onCursor={setCursor}
        onActivate={activateSite}
        activateHint={activateHint}
      />
      <p className="loops-origin">Showing: {origin}.</p>
    </div>
  );
}

/** Memoised: the worker's progress re-renders the panel about 8 times a second; this section does not depend on it. */
export const LatticeSection = memo(LatticeSectionImpl);
