/**
 * The two curves most lab charts compare: the ensemble mean (blue) and a member or the member average (orange), as
 * dotted line-chart series over the same x values. One place for the colours keeps every chart's legend consistent.
 */
import type { Series } from './LineChart';

export const MEAN_COLOR = '#1f5fa8';
export const MEMBER_COLOR = '#c0561b';

/** Series [mean, member] over `items`: point i is (x(item), mean(item)) and (x(item), member(item)). */
export function meanMemberSeries<T>(
  items: readonly T[],
  x: (item: T, i: number) => number,
  mean: (item: T, i: number) => number,
  member: (item: T, i: number) => number,
  labels: readonly [string, string],
): Series[] {
  return [
    { label: labels[0], color: MEAN_COLOR, points: items.map((t, i) => [x(t, i), mean(t, i)]), dots: true },
    { label: labels[1], color: MEMBER_COLOR, points: items.map((t, i) => [x(t, i), member(t, i)]), dots: true },
  ];
}
