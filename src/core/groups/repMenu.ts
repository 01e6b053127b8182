/**
 * The menu of representations offered for ρ_in and ρ_out in the intertwiner section, for C_n, D_n and SO(2), and
 * the representation behind each entry. An entry that does not exist for the current group (e.g. "sign" for odd n)
 * is reported with a reason instead of being built.
 */
import {
  SO2,
  cyclicGroup,
  dihedralGroup,
  definingRepresentation,
  directSumRepresentation,
  planarIrreps,
  regularRepresentation,
  so2DefiningRepresentation,
  so2Irrep,
  subscriptDigits,
  tensorProductRepresentation,
  type Group,
  type PlanarElement,
  type PlanarGroup,
  type Representation,
} from './index';

export type AnyRep = Representation<unknown>;

/** The group families the representations panel offers: C_n, D_n, or SO(2) itself. */
export type GroupFamily = 'cyclic' | 'dihedral' | 'so2';

/** The finite group chosen, or null for SO(2). */
export function planarGroupOf(family: GroupFamily, n: number): PlanarGroup | null {
  if (family === 'so2') return null;
  return family === 'cyclic' ? cyclicGroup(n) : dihedralGroup(n);
}

export interface RepMenuEntry {
  id: string;
  label: string;
}

export type BuiltRep = { ok: true; rep: AnyRep } | { ok: false; reason: string };

/** Every id the menu can hold, in display order; `repFor` says which exist for a given group. */
export function menuIds(group: PlanarGroup | null): RepMenuEntry[] {
  const psi = (k: number) => ({ id: `psi${k}`, label: `ψ${subscriptDigits(k)} (2D irrep, frequency ${k})` });
  if (!group) {
    return [
      { id: 'trivial', label: 'trivial (1D)' },
      psi(1),
      psi(2),
      psi(3),
      { id: 'defining', label: 'defining R(θ) (= ψ₁)' },
      { id: 'defining+trivial', label: 'defining ⊕ trivial' },
      { id: 'psi1+psi1', label: 'ψ₁ ⊕ ψ₁' },
      { id: 'psi1+psi2', label: 'ψ₁ ⊕ ψ₂' },
      { id: 'defining⊗defining', label: 'defining ⊗ defining' },
      { id: 'psi1⊗psi2', label: 'ψ₁ ⊗ ψ₂' },
      { id: 'regular', label: 'regular' },
    ];
  }
  const n = group.n;
  const maxK = group.family === 'cyclic' ? Math.floor((n - 1) / 2) : Math.ceil(n / 2) - 1;
  const entries: RepMenuEntry[] = [
    { id: 'regular', label: `regular (${group.order}D)` },
    { id: 'defining', label: 'defining (2D)' },
    { id: 'trivial', label: 'trivial (1D)' },
  ];
  if (group.family === 'cyclic') entries.push({ id: 'sign', label: 'sign (1D, r ↦ −1)' });
  else entries.push({ id: 'A2', label: 'A₂ (1D, s ↦ −1)' }, { id: 'B1', label: 'B₁ (1D, r ↦ −1)' }, { id: 'B2', label: 'B₂ (1D, r, s ↦ −1)' });
  for (let k = 1; k <= Math.max(maxK, 2); k++) entries.push(psi(k));
  entries.push(
    { id: 'defining+trivial', label: 'defining ⊕ trivial' },
    { id: 'psi1+psi1', label: 'ψ₁ ⊕ ψ₁' },
    { id: 'defining⊗defining', label: 'defining ⊗ defining' },
    { id: 'regular+defining', label: 'regular ⊕ defining' },
  );
  return entries;
}

function planarIrrepById(group: PlanarGroup, id: string): BuiltRep {
  const irreps = planarIrreps(group);
  const cyclic = group.family === 'cyclic';
  const even = group.n % 2 === 0;
  const find = (prefix: string) => irreps.find((i) => i.rep.name.startsWith(prefix))?.rep as AnyRep | undefined;
  if (id === 'trivial') return { ok: true, rep: irreps[0].rep as AnyRep };
  if (id === 'sign') {
    if (!cyclic) return { ok: false, reason: `"sign" is the C_n name; in ${group.name} pick A₂, B₁ or B₂` };
    return even ? { ok: true, rep: find('sign')! } : { ok: false, reason: `${group.name} has no sign irrep: r ↦ −1 needs r^n = 1 with n even` };
  }
  if (id === 'A2' || id === 'B1' || id === 'B2') {
    if (cyclic) return { ok: false, reason: `${id} is an irrep of D_n, not of ${group.name}` };
    if (id !== 'A2' && !even) return { ok: false, reason: `${group.name} has no ${id}: r ↦ −1 needs n even` };
    const rep = find(id === 'A2' ? 'A₂' : id === 'B1' ? 'B₁' : 'B₂');
    return rep ? { ok: true, rep } : { ok: false, reason: `${group.name} has no ${id}` };
  }
  const m = /^psi(\d+)$/.exec(id);
  if (m) {
    const k = Number(m[1]);
    const rep = irreps.find((i) => i.rep.dim === 2 && i.frequency === k)?.rep as AnyRep | undefined;
    if (rep) return { ok: true, rep };
    return {
      ok: false,
      reason: `${group.name} has no 2D irrep ψ${subscriptDigits(k)}: for n = ${group.n}, R(2πkm/n) with k = ${k} is ${
        group.n === 2 * k || k % group.n === 0 ? 'a sum of 1D irreps' : 'equivalent to a lower frequency'
      } (frequencies run to ${group.family === 'cyclic' ? '⌊(n−1)/2⌋' : '⌈n/2⌉ − 1'})`,
    };
  }
  return { ok: false, reason: `unknown representation "${id}"` };
}

/** Build the representation behind a menu id for the chosen group (null = SO(2)). */
export function repFor(group: PlanarGroup | null, id: string): BuiltRep {
  const label = group ? group.name : 'SO(2)';
  const parts = id.split(/([+⊗])/);
  if (parts.length === 3) {
    const a = repFor(group, parts[0]);
    const b = repFor(group, parts[2]);
    if (!a.ok) return a;
    if (!b.ok) return b;
    return { ok: true, rep: parts[1] === '+' ? directSumRepresentation([a.rep, b.rep]) : tensorProductRepresentation(a.rep, b.rep) };
  }
  if (!group) {
    if (id === 'regular') return { ok: false, reason: 'SO(2) is continuous: its regular representation is infinite-dimensional' };
    if (id === 'defining') return { ok: true, rep: so2DefiningRepresentation() as AnyRep };
    if (id === 'trivial') return { ok: true, rep: so2Irrep(0).rep as AnyRep };
    const m = /^psi(\d+)$/.exec(id);
    if (m) return { ok: true, rep: so2Irrep(Number(m[1])).rep as AnyRep };
    return { ok: false, reason: `"${id}" is not a representation of ${label}` };
  }
  if (id === 'regular') return { ok: true, rep: regularRepresentation<PlanarElement>(group) as AnyRep };
  if (id === 'defining') return { ok: true, rep: definingRepresentation(group) as AnyRep };
  return planarIrrepById(group, id);
}

/** The group object the solver needs. */
export function solverGroup(group: PlanarGroup | null): Group<unknown> {
  return (group ?? SO2) as Group<unknown>;
}
