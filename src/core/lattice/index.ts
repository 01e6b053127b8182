/**
 * Lattice gauge theory in float64: U(1) and SU(2) links on periodic lattices, gauge transformations, plaquettes,
 * Wilson and Polyakov loops, the Wilson action, Monte Carlo (U(1) Metropolis, SU(2) heat-bath), binned errors,
 * exact 2D results, a tiny gauge-equivariant network (L-CNN) and eigenphase maps.
 */
/**
 * @deprecated The loops panel's old names for core/groups/complexMatrix.ts (kept until that panel imports it).
 */
export { type ComplexMatrix, complexMatMul as mulComplexMatrix, complexConjugation as conjugateComplexMatrix, complexDistance as complexMatrixDistance } from '../groups/complexMatrix';
export * from './gaugeGroup';
export * from './groups';
export * from './u1';
export * from './su2';
export * from './haar';
export * from './lattice';
export * from './gauge';
export * from './loops';
export * from './paths';
export * from './action';
export * from './metropolisU1';
export * from './heatbathSU2';
export * from './stats';
export * from './bessel';
export * from './exact2d';
export * from './options';
export * from './eigenphase';
export * from './measure';
export * from './lcnn';
export * from './gaugeChange';
export * from './loopReport';
export * from './siteElement';
