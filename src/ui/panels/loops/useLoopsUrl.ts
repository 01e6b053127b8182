/**
 * The loops lab's settings and the URL (src/state/loopsUrl.ts): the panel starts from what the link names, and the
 * settings it runs with (after its own clamping) are written back once they rest, so a copied link reruns the same
 * Monte Carlo.
 */
import { useEffect, useRef, useState } from 'react';
import { parseHash } from '../../../state/hashRoute';
import { LOOPS_URL_TABLE, type LoopsView } from '../../../state/loopsUrl';
import { readTable } from '../../../state/urlTable';
import { updateTable, useUrlTable } from '../../../state/urlUpdate';

const WRITE_DELAY_MS = 300;

/** The settings the link opened with (read once, when the panel mounts). */
export function useLoopsLinkSettings(): LoopsView {
  const [initial] = useState(() => readTable(LOOPS_URL_TABLE, parseHash(window.location.hash).params).values);
  return initial;
}

/**
 * Write the settings in use to the URL after they have rested for WRITE_DELAY_MS; and when the link itself changes
 * (edited, or a link followed on this page), hand its settings to `apply`.
 */
export function useLoopsUrl(view: LoopsView, apply: (v: LoopsView) => void): void {
  const key = JSON.stringify(view);
  const current = useRef(view);
  current.current = view;
  const fromLink = useUrlTable(LOOPS_URL_TABLE).values;
  useEffect(() => {
    if (JSON.stringify(fromLink) !== JSON.stringify(current.current)) apply(fromLink);
  }, [fromLink]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    const id = window.setTimeout(() => updateTable(LOOPS_URL_TABLE, view), WRITE_DELAY_MS);
    return () => window.clearTimeout(id);
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
}
