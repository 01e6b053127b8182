/**
 * The talk's orbit-same-predictions table (Gerken & Kessel, ICML 2024): on rotated FashionMNIST, out of distribution,
 * how many of the |G| rotated copies of an image get the class of the unrotated one, for C4, C8 and C16 (higher is
 * better; the maximum is |G|). The article shows the means under the models' full names; the slides add the standard
 * deviations under the talk's short names. One table of numbers serves both.
 */
import { ColumnHeads } from '../ColumnHeads';

/** Per model: its full name, the talk's short name, and [mean, standard deviation] for C4, C8, C16, as published. */
const PUBLISHED: readonly { model: string; short: string; values: readonly (readonly [string, string])[] }[] = [
  { model: 'Deep ensemble + augmentation', short: 'DeepEns+DA', values: [['3.85', '0.12'], ['7.72', '0.34'], ['15.24', '0.69']] },
  { model: 'Augmentation only', short: 'only DA', values: [['3.41', '0.18'], ['6.73', '0.24'], ['12.77', '0.71']] },
  { model: 'E2CNN', short: 'E2CNN', values: [['4', '0.0'], ['7.71', '0.21'], ['15.08', '0.34']] },
  { model: 'Canonicalisation', short: 'Canon', values: [['4', '0.0'], ['7.45', '0.14'], ['12.41', '0.85']] },
];

export function OspTable({ caption, talkStyle = false, className = 'numbers' }: { caption: string; talkStyle?: boolean; className?: string }) {
  return (
    <table className={className}>
      <caption>{caption}</caption>
      <ColumnHeads columns={['Model', 'C4', 'C8', 'C16']} />
      <tbody>
        {PUBLISHED.map((row) => (
          <tr key={row.model}>
            <th scope="row">{talkStyle ? row.short : row.model}</th>
            {row.values.map(([mean, sd], i) => (
              <td key={i}>{talkStyle ? `${mean} ± ${sd}` : mean}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
