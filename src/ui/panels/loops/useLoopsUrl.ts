/**
 * The loops lab's settings and the URL (src/state/loopsUrl.ts): the store starts from what the link names when the
 * panel mounts, writes the settings it runs with back to the URL once they rest (loopsStore), and takes the link's
 * settings when the link itself changes (edited, or a link followed on this page).
 */
import { useEffect, useState } from 'react';
import { parseHash } from '../../../state/hashRoute';
import { LOOPS_URL_TABLE } from '../../../state/loopsUrl';
import { useLoopsStore } from '../../../state/loopsStore';
import { readTable } from '../../../state/urlTable';
import { useUrlTable } from '../../../state/urlUpdate';

export function useLoopsUrl(): void {
  // Once, before any section reads the store: the link the panel opened with.
  useState(() => useLoopsStore.getState().reset(readTable(LOOPS_URL_TABLE, parseHash(window.location.hash).params).values));
  const fromLink = useUrlTable(LOOPS_URL_TABLE).values;
  useEffect(() => useLoopsStore.getState().applyLink(fromLink), [fromLink]);
  useEffect(() => () => useLoopsStore.getState().cancelUrlWrite(), []);
}
