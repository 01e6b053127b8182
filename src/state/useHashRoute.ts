import { useEffect, useState } from 'react';
import { parseHash, type HashRoute } from './hashRoute';

/** The current hash route, updated on `hashchange`. */
export function useHashRoute(): HashRoute {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
