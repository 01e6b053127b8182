/**
 * One intertwiner problem, from menu choices to a plain, structured-cloneable answer, so that it can run in a
 * worker (intertwiner.worker.ts) and, where workers are missing, on the page.
 */
import {
  decomposeIntoIrreps,
  endomorphismDimension,
  intertwinerBasis,
  schurPrediction,
  type PlanarElement,
  type RealMatrix,
  type Representation,
} from './index';
import { planarGroupOf, repFor, solverGroup, type AnyRep, type GroupFamily } from './repMenu';

/** Unknowns d_out·d_in accepted: 256 (D_8 regular → regular) takes about 0.2 s, off the main thread. */
export const MAX_PANEL_UNKNOWNS = 256;

export interface IntertwinerRequest {
  family: GroupFamily;
  n: number;
  inId: string;
  outId: string;
}

/** One row of Schur's count. */
export interface SchurRow {
  name: string;
  type: 'real' | 'complex';
  mIn: number;
  mOut: number;
  endDim: number;
}

export interface SolvedIntertwiners {
  kind: 'ok';
  groupName: string;
  inName: string;
  outName: string;
  inDim: number;
  outDim: number;
  basis: RealMatrix[];
  dimension: number;
  prediction: number;
  rows: SchurRow[];
  spectralGap: number;
  maxResidual: number;
  constraintElements: number;
  continuous: boolean;
  /** Menu choices that do not exist for this group, each replaced by the trivial representation. */
  problems: string[];
}

export type IntertwinerAnswer = SolvedIntertwiners | { kind: 'error'; message: string; problems: string[] };

/** Solve M ρ_in(g) = ρ_out(g) M for the chosen group and menu entries, and count by Schur. */
export function solveIntertwinerRequest(req: IntertwinerRequest): IntertwinerAnswer {
  const group = planarGroupOf(req.family, req.n);
  const groupName = group ? group.name : 'SO(2)';
  const problems: string[] = [];
  const pick = (id: string, which: string): AnyRep => {
    const built = repFor(group, id);
    if (built.ok) return built.rep;
    problems.push(`${which}: ${built.reason}. Using trivial instead.`);
    return (repFor(group, 'trivial') as { ok: true; rep: AnyRep }).rep;
  };
  const repIn = pick(req.inId, 'ρ_in');
  const repOut = pick(req.outId, 'ρ_out');
  const unknowns = repIn.dim * repOut.dim;
  if (unknowns > MAX_PANEL_UNKNOWNS) {
    return {
      kind: 'error',
      problems,
      message: `Too large: ${repOut.dim}×${repIn.dim} = ${unknowns} unknowns; this panel solves up to ${MAX_PANEL_UNKNOWNS}. Pick smaller representations or a smaller n.`,
    };
  }
  try {
    const result = intertwinerBasis(solverGroup(group), repIn, repOut, { maxUnknowns: MAX_PANEL_UNKNOWNS });
    const inParts = decomposeIntoIrreps(repIn as Representation<PlanarElement>);
    const outParts = decomposeIntoIrreps(repOut as Representation<PlanarElement>);
    const names = [...new Set([...inParts, ...outParts].map((p) => p.irrep.rep.name))];
    const rows = names.map((name) => {
      const a = inParts.find((p) => p.irrep.rep.name === name);
      const b = outParts.find((p) => p.irrep.rep.name === name);
      const irrep = (a ?? b)!.irrep;
      return { name, type: irrep.type, mIn: a?.multiplicity ?? 0, mOut: b?.multiplicity ?? 0, endDim: endomorphismDimension(irrep.type) };
    });
    return {
      kind: 'ok',
      groupName,
      inName: repIn.name,
      outName: repOut.name,
      inDim: repIn.dim,
      outDim: repOut.dim,
      basis: result.basis,
      dimension: result.dimension,
      prediction: schurPrediction(inParts, outParts),
      rows,
      spectralGap: result.spectralGap,
      maxResidual: result.maxResidual,
      constraintElements: result.constraintElements,
      continuous: !group,
      problems,
    };
  } catch (e) {
    return { kind: 'error', problems, message: e instanceof Error ? e.message : String(e) };
  }
}
