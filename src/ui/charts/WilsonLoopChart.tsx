/**
 * ⟨W(R,T)⟩ against the area A = RT on a log axis: Monte Carlo points with ±1σ bars, and the exact infinite-volume 2D
 * line (plaquette)^A. A straight line on this axis is the area law, with slope −σ (string tension).
 */
import { memo } from 'react';
import { scaleLinear, scaleLog } from 'd3';
import type { WilsonLoopEstimate } from '../../core/lattice';
import { exactWilsonLoop2D } from '../../core/lattice';
import { fmt } from './latticeFormat';
import { AxisFrame, type ChartMargin, type LoopsChartProps } from './AxisFrame';

interface Props extends LoopsChartProps {
  loops: readonly WilsonLoopEstimate[];
}

const M: ChartMargin = { top: 12, right: 14, bottom: 38, left: 58 };

function WilsonLoopChartImpl({ loops, group, beta, width = 440, height = 280 }: Props) {
  const maxArea = Math.max(1, ...loops.map((l) => l.area));
  const exactAt = (a: number) => exactWilsonLoop2D(group, beta, a);
  const positive = loops.filter((l) => l.mean > 0);
  const lowest = Math.min(exactAt(maxArea), ...positive.map((l) => l.mean));
  const yMin = Math.max(1e-8, Math.min(0.5, lowest / 2));
  const x = scaleLinear().domain([0, maxArea + 0.5]).range([M.left, width - M.right]);
  const y = scaleLog().domain([yMin, 1.2]).range([height - M.bottom, M.top]).clamp(true);
  const exactPts: string[] = [];
  const steps = 60;
  for (let k = 0; k <= steps; k++) {
    const a = 0.5 + ((maxArea - 0.5) * k) / steps;
    exactPts.push(`${x(a).toFixed(2)},${y(Math.max(yMin, exactAt(a))).toFixed(2)}`);
  }
  const yTicks = y.ticks(5).filter((t) => {
    const e = Math.log10(t);
    return Math.abs(e - Math.round(e)) < 1e-9;
  });
  const xTicks = x.ticks(Math.min(8, maxArea)).filter((t) => Number.isInteger(t));
  const summary = `Wilson loops: ${loops.length} Monte Carlo points against area, exact line (${group === 'U1' ? 'I₁/I₀' : 'I₂/I₁'})^A at β = ${beta}.`;
  return (
    <AxisFrame width={width} height={height} margin={M} summary={summary} testId="wilson-chart" xLabel="area A = R·T (plaquettes)">
      <g className="axis">
        {xTicks.map((t) => (
          <g key={`x${t}`}>
            <line x1={x(t)} x2={x(t)} y1={height - M.bottom} y2={height - M.bottom + 4} stroke="#888" />
            <text x={x(t)} y={height - M.bottom + 16} textAnchor="middle" fontSize={11}>
              {t}
            </text>
          </g>
        ))}
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={M.left - 4} x2={width - M.right} y1={y(t)} y2={y(t)} stroke="#eee" />
            <text x={M.left - 6} y={y(t) + 4} textAnchor="end" fontSize={11}>
              {t >= 0.01 ? String(t) : `1e${Math.round(Math.log10(t))}`}
            </text>
          </g>
        ))}
        <text transform={`translate(14, ${(M.top + height - M.bottom) / 2}) rotate(-90)`} textAnchor="middle" fontSize={12}>
          ⟨W(R,T)⟩ (log)
        </text>
      </g>
      <polyline className="exact-line" points={exactPts.join(' ')} fill="none" stroke="#1565c0" strokeWidth={2} />
      {loops.map((l) => {
        const cx = x(l.area);
        const top = y(Math.max(yMin, l.mean + l.error));
        const bottom = y(Math.max(yMin, l.mean - l.error));
        const visible = l.mean > 0;
        return (
          <g key={`${l.R}x${l.T}`}>
            <line className="wl-errorbar" x1={cx} x2={cx} y1={top} y2={bottom} stroke="#c62828" strokeWidth={1.2} />
            <circle
              className="wl-point"
              cx={cx}
              cy={y(Math.max(yMin, l.mean))}
              r={3.5}
              fill={visible ? '#c62828' : 'white'}
              stroke="#c62828"
            >
              <title>{`W(${l.R},${l.T}) = ${fmt(l.mean)} ± ${fmt(l.error)}; exact ${fmt(l.exact ?? NaN)}`}</title>
            </circle>
          </g>
        );
      })}
      <g fontSize={11} transform={`translate(${width - M.right - 170}, ${M.top + 4})`}>
        <line x1={0} x2={18} y1={6} y2={6} stroke="#1565c0" strokeWidth={2} />
        <text x={22} y={10}>exact 2D, infinite volume</text>
        <circle cx={9} cy={22} r={3.5} fill="#c62828" />
        <text x={22} y={26}>Monte Carlo ±1σ</text>
      </g>
    </AxisFrame>
  );
}

/** Memoised: progress updates re-render the panel, and this only needs to redraw when its inputs change. */
export const WilsonLoopChart = memo(WilsonLoopChartImpl);
