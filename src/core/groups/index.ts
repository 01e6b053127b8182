/**
 * Groups and their representations: C_n, D_n, SO(2), SU(2)/SO(3); defining, regular and irreducible
 * representations; characters; Clebsch–Gordan; intertwiners; group convolutions; field transformations.
 */
// Low-level matrix helpers go out under a namespace so that their short names (matMul, kron, trace, …) cannot
// clash with other core modules in src/core/index.ts.
export type { RealMatrix } from './matrix';
export * as repMatrix from './matrix';
export type { ComplexMatrix } from './complexMatrix';
export * as complexMatrix from './complexMatrix';
export * from './group';
export * from './dihedral';
export * from './cyclic';
export * from './so2';
export * from './su2';
export * from './representations';
export * from './irreps';
export * from './characters';
export * from './realDft';
export * from './wignerD';
export * from './clebschGordan';
export * from './so2TensorProduct';
export * from './intertwiners';
export * from './fields';
export * from './groupConv';
