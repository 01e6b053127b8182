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
  update: (patch: Partial<EnsembleConfig>) => void;
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
    update: (patch) =>
      updateHashParams((current) => {
        const now = configFromParams(current).config;
        return configToParams(clampConfig({ ...now, ...patch }, now).config, current);
      }),
    setParam: (k, v) => updateHashParams({ [k]: v }),
    setParams: (patch) => updateHashParams(patch),
  };
}
