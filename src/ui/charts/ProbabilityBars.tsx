/**
 * Class probabilities as horizontal bars, the most probable class named in the caption (and in data-value, for the
 * tests); `highlight` marks the true class.
 */
export function ProbabilityBars({ probs, classes, title, testId, highlight }: { probs: ArrayLike<number>; classes: string[]; title: string; testId: string; highlight?: number }) {
  let arg = 0;
  for (let i = 1; i < classes.length; i++) if (probs[i] > probs[arg]) arg = i;
  return (
    <figure className="prob-bars" data-testid={testId} data-value={arg}>
      <figcaption>
        {title}: <strong>{classes[arg]}</strong> ({(100 * probs[arg]).toFixed(0)}%)
      </figcaption>
      <ul aria-label={`${title} class probabilities`}>
        {classes.map((c, i) => (
          <li key={c} className={i === highlight ? 'truth' : undefined}>
            <span className="bar-label">{c}</span>
            <span className="bar" style={{ width: `${(100 * probs[i]).toFixed(1)}%` }} />
            <span className="bar-value">{(100 * probs[i]).toFixed(0)}%</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
