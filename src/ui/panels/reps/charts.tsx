/**
 * The representations panel's charts now live in src/ui/charts. This re-export serves IrrepsSection and
 * TensorSection only, which another change (the SU(2) module) is editing at the same time; point their imports at
 * ../../charts/MatrixHeatmap and delete this file once both changes are in.
 */
export { MatrixHeatmap } from '../../charts/MatrixHeatmap';
