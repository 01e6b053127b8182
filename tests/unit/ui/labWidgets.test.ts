/** The pure parts of the shared lab widgets: which snapshot a timeline view shows, and the mean/member curve pair. */
import { describe, expect, it } from 'vitest';
import { viewedIndex } from '../../../src/ui/lab/SnapshotSlider';
import { MEAN_COLOR, MEMBER_COLOR, meanMemberSeries } from '../../../src/ui/charts/meanMemberSeries';

describe('viewedIndex', () => {
  it('follows the newest snapshot when the view is null, and clamps a stale index to the newest', () => {
    expect(viewedIndex(null, 5)).toBe(4);
    expect(viewedIndex(2, 5)).toBe(2);
    expect(viewedIndex(0, 5)).toBe(0);
    // a view kept from a longer run (9) after a reset to 3 stored snapshots shows the newest, index 2
    expect(viewedIndex(9, 3)).toBe(2);
    // nothing stored: no index (the slider shows "no snapshot yet")
    expect(viewedIndex(null, 0)).toBe(-1);
  });
});

describe('meanMemberSeries', () => {
  it('pairs each item into a mean and a member point at the same x, in the shared colours', () => {
    const snaps = [
      { step: 0, mean: 0.5, member: 0.9 },
      { step: 10, mean: 0.1, member: 0.7 },
    ];
    const [mean, member] = meanMemberSeries(snaps, (s) => s.step, (s) => s.mean, (s) => s.member, ['mean', 'member (avg)']);
    expect(mean.points).toEqual([
      [0, 0.5],
      [10, 0.1],
    ]);
    expect(member.points).toEqual([
      [0, 0.9],
      [10, 0.7],
    ]);
    expect([mean.label, mean.color, member.label, member.color]).toEqual(['mean', MEAN_COLOR, 'member (avg)', MEMBER_COLOR]);
    // the accessors also get the index, for curves stored as parallel arrays
    const sizes = [1, 2, 4];
    const err = [0.4, 0.3, 0.2];
    const [bySize] = meanMemberSeries(sizes, (s) => s, (_, i) => err[i], () => 0, ['a', 'b']);
    expect(bySize.points).toEqual([
      [1, 0.4],
      [2, 0.3],
      [4, 0.2],
    ]);
  });
});
