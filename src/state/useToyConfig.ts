/**
 * The toy config as the URL holds it. Controls call `update`, which clamps and writes the hash; the hash is the
 * single source of truth, so a copied link reproduces the run.
 */
import { useMemo } from 'react';
import { clampConfig, type EnsembleConfig } from '../core/ensemble/config';
import { formatHash } from './hashRoute';
import { configFromParams, configToParams } from './urlConfig';
import { useHashRoute } from '../ui/shell/useHashRoute';

export function useToyConfig(): {
  config: EnsembleConfig;
  notices: string[];
  params: URLSearchParams;
  /** Clamp, write the URL, and return the clamp's notices (so the control that acted can show them). */
  update: (patch: Partial<EnsembleConfig>) => string[];
  setParam: (key: string, value: string | null) => void;
} {
  const route = useHashRoute();
  const key = route.params.toString();
  const { config, notices } = useMemo(() => configFromParams(route.params), [key]); // eslint-disable-line react-hooks/exhaustive-deps
  const write = (params: URLSearchParams) => {
    window.location.replace(formatHash({ path: route.path, params }));
  };
  return {
    config,
    notices,
    params: route.params,
    update: (patch) => {
      const clamped = clampConfig({ ...config, ...patch }, config);
      write(configToParams(clamped.config, route.params));
      return clamped.notices;
    },
    setParam: (k, v) => {
      const params = new URLSearchParams(route.params);
      if (v === null) params.delete(k);
      else params.set(k, v);
      write(params);
    },
  };
}
