/**
 * A quantity against training step, as every lab draws it: log–log axes with x = step + 1 (so step 0, the
 * initialisation, has a place on the log axis), and a vertical marker at the step the timeline shows.
 */
import { LineChart, type LineChartProps } from './LineChart';

export function StepChart({ step, ...chart }: Omit<LineChartProps, 'xLabel' | 'logX' | 'logY' | 'xOffset' | 'markerX'> & { step: number | undefined }) {
  return <LineChart {...chart} xLabel="training step + 1 (log)" logX logY xOffset={1} markerX={step} />;
}
