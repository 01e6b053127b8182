/**
 * The postMessage bridge for a lab panel shown with `embed=1` (for example `#/lab/toy?embed=1`). Training commands
 * go to the page's training worker; seek moves the timeline; rotate is for the compact figures only.
 */
import { useEffect } from 'react';
import { configFromParams, configToParams } from '../../../state/urlConfig';
import { useTrainingStore, selectViewedFrame, selectViewedSnapshot } from '../../../state/trainingStore';
import { formatHash, parseHash } from '../../../state/hashRoute';
import { startBridge, type BridgeTarget } from './embedBridge';

async function client() {
  return (await import('../../../state/trainerClient')).getTrainerClient();
}

export default function LabEmbed({ panel, params }: { panel: string; params: URLSearchParams }) {
  useEffect(() => {
    const training = panel === 'toy' || panel === 'orbit';
    const target: BridgeTarget = {
      panel,
      run: (c) => {
        if (!training) return `the ${panel} panel does not take ${c.type} commands`;
        switch (c.type) {
          case 'play':
            void client().then((t) => t.play());
            return;
          case 'pause':
            void client().then((t) => t.pause());
            return;
          case 'step':
            void client().then((t) => t.step(c.count ?? 1));
            return;
          case 'reset':
            void client().then((t) => t.reset());
            return;
          case 'seek': {
            const st = useTrainingStore.getState();
            if (c.step > st.step) {
              void client().then((t) => t.step(Math.min(2000, c.step - st.step)));
              st.setViewStep(null);
              return;
            }
            // The last frame (full or light) at or before the step.
            st.setViewStep(c.step);
            return;
          }
          case 'set': {
            const route = parseHash(window.location.hash);
            const p = new URLSearchParams(route.params);
            for (const [k, v] of Object.entries(c.config)) p.set(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
            const { config, notices } = configFromParams(p);
            const member = p.get('member');
            const next = configToParams(config, route.params);
            if (member !== null) next.set('member', member);
            window.location.replace(formatHash({ path: route.path, params: next }));
            return notices.length ? `set: ${notices.join('; ')}` : undefined;
          }
          case 'rotate':
            return `rotate is supported by the compact figures (panel=toy, probe), not by the ${panel} lab panel`;
        }
      },
      state: () => {
        const s = useTrainingStore.getState();
        const v = selectViewedFrame(s);
        const status = s.status;
        return {
          panel,
          source: 'panel',
          status,
          step: s.step,
          viewStep: v?.step ?? -1,
          totalSteps: s.totalSteps,
          theta: 0,
          config: configToParams(s.config).toString(),
          notices: s.notices,
        };
      },
      snapshot: () => {
        const v = selectViewedSnapshot(useTrainingStore.getState());
        if (!v) return undefined;
        return { step: v.step, meanRstd: v.metrics.mean.off.relativeStd, memberRstd: v.metrics.selected.off.relativeStd, membersRstd: v.metrics.member.off.relativeStd, loss: v.metrics.loss };
      },
      subscribe: (fn) => useTrainingStore.subscribe(fn),
      ready: () => true,
    };
    return startBridge(target, params, () => Math.ceil(document.getElementById('main')?.getBoundingClientRect().height ?? 0));
  }, [panel]); // eslint-disable-line react-hooks/exhaustive-deps
  return null;
}
