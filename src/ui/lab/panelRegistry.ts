import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A lab panel: one full-screen figure with every control. Each panel is its own lazy chunk. */
export interface PanelEntry {
  id: string;
  title: string;
  component: LazyExoticComponent<ComponentType>;
}

export const PANELS: PanelEntry[] = [
  { id: 'toy', title: 'Toy example', component: lazy(() => import('../panels/toy/ToyPanel')) },
  { id: 'orbit', title: 'Rotate the inputs', component: lazy(() => import('../panels/orbit/OrbitPanel')) },
  { id: 'ntk', title: 'NTK theory', component: lazy(() => import('../panels/ntk/NtkPanel')) },
  { id: 'reps', title: 'Representations', component: lazy(() => import('../panels/reps/RepsPanel')) },
  { id: 'loops', title: 'Loop observables', component: lazy(() => import('../panels/loops/LoopsPanel')) },
  { id: 'ways', title: 'Routes to equivariance', component: lazy(() => import('../panels/ways/WaysPanel')) },
  { id: 'images', title: 'Rotated images', component: lazy(() => import('../panels/images/ImagesPanel')) },
  { id: 'vector', title: 'Equivariant outputs', component: lazy(() => import('../panels/vector/VectorPanel')) },
];

export function findPanel(id: string | undefined): PanelEntry | undefined {
  return PANELS.find((p) => p.id === id);
}
