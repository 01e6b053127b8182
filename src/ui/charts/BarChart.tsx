import { scaleBand, scaleLinear } from 'd3';

/** Bars for a function on a finite group, labelled by element. */
export function BarChart({ values, labels, title, highlight, yMax }: { values: number[]; labels: string[]; title: string; highlight?: number; yMax: number }) {
  const width = 320;
  const height = 150;
  const x = scaleBand<number>()
    .domain(values.map((_, i) => i))
    .range([30, width - 8])
    .padding(0.15);
  const y = scaleLinear().domain([0, yMax]).range([height - 28, 8]);
  return (
    <figure className="bar-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} role="img" aria-label={`${title}: ${values.map((v, i) => `${labels[i]} ${v.toFixed(2)}`).join(', ')}`}>
        <line x1={30} x2={width - 8} y1={y(0)} y2={y(0)} stroke="#888" />
        {y.ticks(3).map((t) => (
          <text key={t} x={26} y={y(t) + 3} fontSize="9" textAnchor="end" fill="#555">
            {t}
          </text>
        ))}
        {values.map((v, i) => (
          <g key={i}>
            <rect x={x(i)} y={y(v)} width={x.bandwidth()} height={y(0) - y(v)} fill={i === highlight ? '#d9a400' : '#2a5db0'} />
            <text x={(x(i) ?? 0) + x.bandwidth() / 2} y={height - 14} fontSize={labels.length > 12 ? 7 : 9} textAnchor="middle" fill="#333">
              {labels[i]}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
