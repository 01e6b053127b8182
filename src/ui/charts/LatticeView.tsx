/**
 * The lattice view: a canvas with plaquettes filled by Re tr U_p/N and links coloured by their angle, a hover (or
 * keyboard-cursor) readout of the matrix under the pointer, and site activation by click, Enter or Space.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { GaugeField, PathStep } from '../../core/lattice';
import { plaquette, siteIndex } from '../../core/lattice';
import { drawLattice, hitTest, latticeLayout, type Hit } from './latticeCanvas';
import { fmt, matrixInline } from './latticeFormat';
import { Tex } from '../common/Tex';

interface Props {
  field: GaugeField;
  size: number;
  path: readonly number[];
  loop: { start: number; steps: readonly PathStep[] } | null;
  gaugeSite: number | null;
  cursor: number;
  onCursor: (site: number) => void;
  onActivate: (site: number) => void;
  activateHint: string;
}

/** One piece of a readout: maths to typeset, or plain text (values stay plain: searchable and copyable). */
type Part = { tex: string } | string;

/** What is under the pointer or cursor, with the matrix it holds. */
function describeHit(field: GaugeField, hit: Hit): Part[] {
  const L = field.geom.dims[0];
  const g = field.group;
  const x = siteIndex(field.geom.dims, [hit.i, hit.j]);
  if (hit.kind === 'link') {
    const o = (x * field.geom.d + hit.mu) * g.stride;
    return ['link ', { tex: `U_${hit.mu}(${hit.i}, ${hit.j})` }, ` = ${matrixInline(g.toMatrix(field.links, o))}`];
  }
  if (hit.kind === 'plaquette') {
    const p = plaquette(field, x, 0, 1);
    return [
      'plaquette ',
      { tex: `U_{01}(${hit.i}, ${hit.j})` },
      ` = ${matrixInline(g.toMatrix(p, 0))}, `,
      { tex: '\\operatorname{Re} \\operatorname{tr} U_p / N' },
      ` = ${fmt(g.traceRe(p, 0) / g.N)}`,
    ];
  }
  const o0 = x * field.geom.d * g.stride;
  return [
    `site (${hit.i}, ${hit.j}) of ${L}×${L}: `,
    { tex: 'U_0' },
    ` = ${matrixInline(g.toMatrix(field.links, o0))}, `,
    { tex: 'U_1' },
    ` = ${matrixInline(g.toMatrix(field.links, o0 + g.stride))}`,
  ];
}

function LatticeViewImpl({ field, size, path, loop, gaugeSite, cursor, onCursor, onActivate, activateHint }: Props) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const [hover, setHover] = useState<Hit | null>(null);
  const L = field.geom.dims[0];
  const layout = useMemo(() => latticeLayout(size, L), [size, L]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(size * dpr);
    canvas.height = Math.round(size * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawLattice(ctx, field, layout, { path, loop, cursor, gaugeSite });
  }, [field, layout, size, path, loop, cursor, gaugeSite]);

  const pointerHit = (e: React.MouseEvent<HTMLCanvasElement>): Hit | null => {
    const r = e.currentTarget.getBoundingClientRect();
    return hitTest(layout, ((e.clientX - r.left) * size) / r.width, ((e.clientY - r.top) * size) / r.height);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLCanvasElement>) => {
    const c = [cursor % L, Math.floor(cursor / L)];
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const m = moves[e.key];
    if (m) {
      e.preventDefault();
      const next = siteIndex(field.geom.dims, [c[0] + m[0], c[1] + m[1]]);
      onCursor(next);
      setHover({ kind: 'site', i: next % L, j: Math.floor(next / L) });
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onActivate(cursor);
    }
  };

  const readout = hover ? describeHit(field, hover) : [`Hover a link, plaquette or site to read its matrix. ${activateHint}`];

  return (
    <figure className="lattice-view">
      <canvas
        ref={canvasRef}
        className="lattice-canvas"
        data-testid="lattice-canvas"
        data-cell={layout.cell}
        data-margin={layout.margin}
        data-size={size}
        data-l={L}
        style={{ width: size, height: size }}
        tabIndex={0}
        role="img"
        aria-label={`Lattice view, ${L}×${L}. Arrow keys move the orange cursor; Enter or Space activates the site under it. ${activateHint}`}
        onMouseMove={(e) => setHover(pointerHit(e))}
        onMouseLeave={() => setHover(null)}
        onClick={(e) => {
          const h = pointerHit(e);
          if (h && h.kind === 'site') {
            const x = siteIndex(field.geom.dims, [h.i, h.j]);
            onCursor(x);
            onActivate(x);
          }
        }}
        onKeyDown={onKeyDown}
      />
      <figcaption className="lattice-hover readout" data-testid="lattice-hover">
        {readout.map((part, k) => (typeof part === 'string' ? part : <Tex key={k}>{part.tex}</Tex>))}
      </figcaption>
    </figure>
  );
}

/** Memoised: progress updates re-render the panel, and this only needs to redraw when its inputs change. */
export const LatticeView = memo(LatticeViewImpl);
