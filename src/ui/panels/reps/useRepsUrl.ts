/**
 * Keeps the reps store and the URL in step: a link opens the group and element it names (src/state/repsUrl.ts), and
 * every change of group or element is written back, so a copied link shows the same matrices. Writes wait until the
 * settings rest for a moment, so the SO(2) animation does not rewrite the URL on every frame.
 */
import { useEffect } from 'react';
import { REPS_URL_TABLE, type RepsView } from '../../../state/repsUrl';
import { useUrlTable, updateTable } from '../../../state/urlUpdate';
import { writeTable } from '../../../state/urlTable';
import { useRepsStore, type RepsState } from './repsStore';

const WRITE_DELAY_MS = 300;

function viewOf(s: RepsState): RepsView {
  return { family: s.family, n: s.n, rotation: s.rotation, reflected: s.reflected, angle: s.angleDeg };
}

const same = (a: RepsView, b: RepsView) => writeTable(REPS_URL_TABLE, a).toString() === writeTable(REPS_URL_TABLE, b).toString();

export function useRepsUrl(): void {
  const { values } = useUrlTable(REPS_URL_TABLE);
  // URL → store (on load and when the link changes).
  useEffect(() => {
    const s = useRepsStore.getState();
    if (same(values, viewOf(s))) return;
    useRepsStore.setState({
      family: values.family,
      n: values.n,
      rotation: values.rotation % values.n,
      reflected: values.family === 'dihedral' && values.reflected,
      angleDeg: values.angle,
      groupNotice: null,
    });
  }, [values]);
  // Store → URL (debounced).
  useEffect(() => {
    let timer = 0;
    const unsubscribe = useRepsStore.subscribe((s) => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => updateTable(REPS_URL_TABLE, viewOf(s)), WRITE_DELAY_MS);
    });
    return () => {
      window.clearTimeout(timer);
      unsubscribe();
    };
  }, []);
}
