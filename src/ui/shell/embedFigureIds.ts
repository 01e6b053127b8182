/** Compact figures that `embed=1&panel=…` can show on their own (see docs/EMBEDDING.md). */
export const EMBED_FIGURE_IDS = ['toy', 'mean', 'member', 'probe', 'invariance'];
