/**
 * The toy config as the URL holds it. Controls call `update`, which clamps and writes the hash; the hash is the
 * single source of truth, so a copied link reproduces the run. Writes go through the batched updater, which reads
 * the hash at write time: a patch never starts from a stale render.
 */
import { useMemo } from 'react';
import { clampConfig, type EnsembleConfig } from '../core/ensemble/config';
import { configFromParams, configToParams } from './urlConfig';
import { updateHashParams, type ParamPatch } from './urlUpdate';
import { useHashRoute } from './useHashRoute';

export function useToyConfig(): {
  config: EnsembleConfig;
  notices: string[];
  params: URLSearchParams;
  /** Clamp, write the URL, and return the clamp's notices (so the control that acted can show them). */
  update: (patch: Partial<EnsembleConfig>) => string[];
  setParam: (key: string, value: string | null) => void;
  /** Several route parameters (probe, member, …) in one URL write. */
  setParams: (patch: ParamPatch) => void;
} {
  const route = useHashRoute();
  const key = route.params.toString();
  const { config, notices } = useMemo(() => configFromParams(route.params), [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return {
    config,
    notices,
    params: route.params,
    update: (patch) => {
      // The batched updater calls back synchronously with the hash as it is now, so the notices are known here.
      let notices: string[] = [];
      updateHashParams((current) => {
        const now = configFromParams(current).config;
        const clamped = clampConfig({ ...now, ...patch }, now);
        notices = clamped.notices;
        return configToParams(clamped.config, current);
      });
      return notices;
    },
    setParam: (k, v) => updateHashParams({ [k]: v }),
    setParams: (patch) => updateHashParams(patch),
  };
}
