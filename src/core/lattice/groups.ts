/** Look up a gauge group by name. */
import type { GaugeGroup, GaugeGroupName } from './gaugeGroup';
import { U1 } from './u1';
import { SU2 } from './su2';

/** The group object for 'U1' or 'SU2'. */
export function gaugeGroup(name: GaugeGroupName): GaugeGroup {
  return name === 'U1' ? U1 : SU2;
}
