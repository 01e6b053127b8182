/**
 * Histogram of sampled plaquette eigenphases θ (tr U_p = 2 cos θ for SU(2); θ = arg U_p for U(1)), as a density,
 * against the Haar density ((2/π) sin²θ for SU(2), 1/2π for U(1)) and the exact 2D density at the sampled β.
 */
import { memo } from 'react';
import { scaleLinear } from 'd3';
import type { Histogram } from '../../core/lattice';
import { plaquetteEigenphaseDensity } from '../../core/lattice';
import { AxisFrame, type ChartMargin, type LoopsChartProps } from './AxisFrame';

interface Props extends LoopsChartProps {
  histogram: Histogram;
}

const M: ChartMargin = { top: 12, right: 14, bottom: 38, left: 48 };

function EigenphaseChartImpl({ histogram, group, beta, width = 440, height = 260 }: Props) {
  const { lo, hi, counts, total } = histogram;
  const bw = (hi - lo) / counts.length;
  const dens = counts.map((c) => (total > 0 ? c / (total * bw) : 0));
  const curve = (b: number) => {
    const pts: [number, number][] = [];
    for (let k = 0; k <= 120; k++) {
      const th = lo + ((hi - lo) * k) / 120;
      pts.push([th, plaquetteEigenphaseDensity(group, b, th)]);
    }
    return pts;
  };
  const haar = curve(0);
  const exact = curve(beta);
  const yMax = Math.max(...dens, ...haar.map((p) => p[1]), ...exact.map((p) => p[1])) * 1.1 || 1;
  const x = scaleLinear().domain([lo, hi]).range([M.left, width - M.right]);
  const y = scaleLinear().domain([0, yMax]).range([height - M.bottom, M.top]).nice();
  const toPoints = (pts: [number, number][]) => pts.map(([a, b]) => `${x(a).toFixed(2)},${y(b).toFixed(2)}`).join(' ');
  const summary = `Plaquette eigenphase histogram (${total} plaquettes) against the Haar density and the exact density at β = ${beta}.`;
  const xTicks = group === 'SU2' ? [0, Math.PI / 2, Math.PI] : [-Math.PI, 0, Math.PI];
  const tickLabel = (t: number) => (t === 0 ? '0' : t === Math.PI ? 'π' : t === -Math.PI ? '−π' : 'π/2');
  return (
    <AxisFrame
      width={width}
      height={height}
      margin={M}
      summary={summary}
      testId="eigenphase-chart"
      xLabel={
        <>
          eigenphase θ of U
          <tspan baselineShift="sub" fontSize={9}>
            p
          </tspan>
        </>
      }
    >
      {xTicks.map((t) => (
        <text key={t} x={x(t)} y={height - M.bottom + 16} textAnchor="middle" fontSize={11}>
          {tickLabel(t)}
        </text>
      ))}
      {y.ticks(4).map((t) => (
        <text key={t} x={M.left - 6} y={y(t) + 4} textAnchor="end" fontSize={11}>
          {t}
        </text>
      ))}
      {dens.map((v, b) => (
        <rect
          key={b}
          className="eig-bar"
          x={x(lo + b * bw) + 0.5}
          y={y(v)}
          width={Math.max(0.5, x(lo + (b + 1) * bw) - x(lo + b * bw) - 1)}
          height={Math.max(0, y(0) - y(v))}
          fill="#b0bec5"
        />
      ))}
      <polyline className="haar-line" points={toPoints(haar)} fill="none" stroke="#6a1b9a" strokeDasharray="5 3" strokeWidth={2} />
      <polyline className="exact-density-line" points={toPoints(exact)} fill="none" stroke="#1565c0" strokeWidth={2} />
      <g fontSize={11} transform={`translate(${M.left + 8}, ${M.top + 4})`}>
        <line x1={0} x2={18} y1={6} y2={6} stroke="#6a1b9a" strokeDasharray="5 3" strokeWidth={2} />
        <text x={22} y={10}>{group === 'SU2' ? 'Haar (2/π) sin²θ (β = 0)' : 'Haar 1/2π (β = 0)'}</text>
        <line x1={0} x2={18} y1={22} y2={22} stroke="#1565c0" strokeWidth={2} />
        <text x={22} y={26}>exact 2D at β = {beta}</text>
      </g>
    </AxisFrame>
  );
}

/** Memoised: progress updates re-render the panel, and this only needs to redraw when its inputs change. */
export const EigenphaseChart = memo(EigenphaseChartImpl);
