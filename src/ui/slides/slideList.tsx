/** The talk's slides, in its order: one figure per slide. The toy sequence is five frames of one recorded run. */
import type { ReactNode } from 'react';

export interface SlideDef {
  id: string;
  title: string;
  /** For the toy sequence: the step of the frame this slide shows. */
  toyStep?: number;
  /** What the slide shows besides the toy frame. */
  kind: 'title' | 'tex' | 'toy' | 'probe' | 'invariance' | 'orbit' | 'table' | 'list';
  tex?: string[];
  bullets?: ReactNode[];
}

export const TOY_SEQUENCE: { step: number; label: string }[] = [
  { step: 0, label: 'Initialization' },
  { step: 1, label: 'After 1 training step' },
  { step: 2, label: 'After 2 training steps' },
  { step: 3, label: 'After 3 training steps' },
  { step: 2000, label: 'After 2000 training steps' },
];

export const SLIDES: SlideDef[] = [
  { id: 'title', title: 'Emergent equivariance in deep ensembles', kind: 'title' },
  { id: 'symmetry', title: 'Symmetries: the same answer on every orbit', kind: 'orbit', tex: ['f(\\rho(g)\\,x) = f(x) \\quad \\forall g \\in G'] },
  { id: 'representations', title: 'Groups act through representations', kind: 'tex', tex: ['\\rho: G \\to \\mathbb{R}^{n\\times n}', '(\\rho_{\\mathrm{reg}}(g)f)(x) = f(\\rho(g^{-1})\\,x)', 'f(x) \\to \\pi(g)\\,f(\\rho^{-1}(g)\\,x)'] },
  { id: 'layers', title: 'Equivariant layers are intertwiners', kind: 'tex', tex: ['M\\rho_{\\mathrm{in}}(g) = \\rho_{\\mathrm{out}}(g)M \\quad \\forall g\\in G', '[\\psi \\star f](g) = \\int_G \\mathrm{d}h\\, \\psi(h^{-1}g)\\,f(h)'] },
  { id: 'lattice', title: 'Gauge symmetry: loops on the lattice', kind: 'tex', tex: ['U_\\mu(x) \\to \\rho(g(x))\\,U_\\mu(x)\\,\\rho^\\dagger(g(x+\\hat\\mu))', 'W(x) \\to \\rho(g(x))\\,W(x)\\,\\rho^\\dagger(g(x)), \\qquad \\operatorname{tr} W(x) \\to \\operatorname{tr} W(x)'] },
  { id: 'ways', title: 'Other routes to equivariance', kind: 'list', bullets: ['Group averaging: exact, but every input needs |G| forward passes.', 'Canonicalisation: exact, but needs an equivariant map to the group.', 'Data augmentation: easy and architecture-free, but only approximately equivariant…'] },
  { id: 'ntk', title: 'Training in the NTK limit', kind: 'tex', tex: ['\\mu_t(x) = \\Theta(x, X)\\,\\Theta(X, X)^{-1}\\,\\bigl(\\mathbb{I} - e^{-\\eta\\,\\Theta(X,X)\\,t/N}\\bigr)\\,Y', 'L = \\tfrac{1}{2N}\\textstyle\\sum_{i=1}^{N} (f(x_i) - y_i)^2 \\text{ over the } N \\text{ augmented points}', '\\mu_t(x) = \\mathbb{E}_{\\theta_0}\\bigl[\\mathcal{N}_{\\theta_t}(x)\\bigr] \\approx \\tfrac{1}{E}\\textstyle\\sum_{k=1}^{E} \\mathcal{N}_{\\theta^{(k)}_t}(x)'] },
  { id: 'augmentation', title: 'With full augmentation the infinite ensemble is invariant', kind: 'tex', tex: ['\\Theta(\\rho(g)x, X) = \\Theta(x, X)\\,\\Pi(g)^{\\top}, \\qquad \\Pi(g)\\,\\Theta(X,X) = \\Theta(X,X)\\,\\Pi(g)', '\\Pi(g)^{\\top} Y = Y', '\\mu_t(\\rho(g)x) = \\Theta(x, X)\\,\\Theta(X, X)^{-1}\\bigl(\\mathbb{I} - e^{-\\eta\\Theta(X,X)t/N}\\bigr)\\,\\Pi(g)^{\\top} Y = \\mu_t(x)'], bullets: ['Π(g): the permutation of the augmented training set that ρ(g) induces; the labels are permuted, not rotated', 'for all training times and also far from the training data, for the infinite ensemble (infinite width, infinitely many members)', 'E members: the same up to sampling noise ≈ 1/√E; finite width moves the mean away from the NTK prediction but does not break the infinite ensemble\'s invariance'] },
  ...TOY_SEQUENCE.map((f) => ({ id: `toy-${f.step}`, title: f.label, kind: 'toy' as const, toyStep: f.step })),
  { id: 'probe', title: 'Rotate the input: the mean agrees at the 8 rotations it was trained on', kind: 'probe', toyStep: 2000 },
  { id: 'invariance', title: 'At every step: exact for the infinite ensemble, up to 1/√E noise for E members', kind: 'invariance' },
  { id: 'experiments', title: 'Rotated FashionMNIST: orbit same predictions', kind: 'table' },
  { id: 'takeaways', title: 'Key takeaways', kind: 'list', bullets: ['If you need ensembles: use data augmentation to obtain an equivariant model.', 'If you need data augmentation: use an ensemble to boost the equivariance.', 'The neural tangent kernel explains why, and predicts when.'] },
];
