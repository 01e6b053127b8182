import { useEffect, useMemo, useState } from 'react';
import { parseHash, type HashRoute } from './hashRoute';

/**
 * Fired on window, synchronously, after the app itself wrote the hash (updateHashParams). `hashchange` comes a task
 * later; until then a controlled control (a checkbox) would be rendered back to its old value, and a person or a test
 * checking it right after the click would see the click undone.
 */
export const HASH_WRITTEN = 'symlab-hash-written';

/** The current hash route, updated on `hashchange` and at once on the app's own writes. */
export function useHashRoute(): HashRoute {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    // The hash text as state: the later `hashchange` of a write already taken sets the same string, and React skips it.
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    window.addEventListener(HASH_WRITTEN, onChange);
    return () => {
      window.removeEventListener('hashchange', onChange);
      window.removeEventListener(HASH_WRITTEN, onChange);
    };
  }, []);
  return useMemo(() => parseHash(hash), [hash]);
}
