/**
 * Export a figure and its numbers: PNG and SVG of the figure (its canvases and SVG layers, composed in place),
 * CSV of the metric series and JSON of the current snapshot. Drop-in: give it the figure element and the data.
 * Everything is built in the page; nothing is sent anywhere.
 */
import { useRef, useState } from 'react';
import { selectViewedSnapshot, useTrainingStore } from '../../state/trainingStore';

export interface ExportData {
  series?: { columns: string[]; rows: (number | string)[][] };
  snapshot?: unknown;
}

interface Props {
  /** File name stem, e.g. "symmetry-lab-toy". */
  name: string;
  /** The figure to draw: every canvas and svg inside it is composed at its on-screen position. */
  target: () => Element | null;
  data?: () => ExportData;
}

function download(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function layers(root: Element) {
  const box = root.getBoundingClientRect();
  const items: { el: HTMLCanvasElement | SVGSVGElement; x: number; y: number; w: number; h: number }[] = [];
  root.querySelectorAll('canvas, svg').forEach((el) => {
    if (el instanceof SVGSVGElement && el.ownerSVGElement) return; // nested svg: drawn with its parent
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return;
    items.push({ el: el as HTMLCanvasElement | SVGSVGElement, x: r.left - box.left, y: r.top - box.top, w: r.width, h: r.height });
  });
  return { width: Math.ceil(box.width), height: Math.ceil(box.height), items };
}

function svgMarkup(svg: SVGSVGElement, w: number, h: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(h));
  clone.setAttribute('font-family', 'system-ui, sans-serif');
  return new XMLSerializer().serializeToString(clone);
}

/** The figure as one SVG document: canvases as embedded PNG images, SVG layers as nested SVG. */
export function figureToSvg(root: Element): string {
  const { width, height, items } = layers(root);
  const parts = items.map(({ el, x, y, w, h }) => {
    if (el instanceof HTMLCanvasElement) return `<image x="${x}" y="${y}" width="${w}" height="${h}" href="${el.toDataURL('image/png')}" preserveAspectRatio="none"/>`;
    return svgMarkup(el, w, h).replace('<svg', `<svg x="${x}" y="${y}"`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`;
}

/** The figure as a PNG at 2× resolution. */
export async function figureToPng(root: Element, scale = 2): Promise<Blob> {
  const { width, height, items } = layers(root);
  const c = document.createElement('canvas');
  c.width = Math.max(1, width * scale);
  c.height = Math.max(1, height * scale);
  const ctx = c.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  for (const { el, x, y, w, h } of items) {
    if (el instanceof HTMLCanvasElement) {
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(el, x, y, w, h);
      continue;
    }
    const url = URL.createObjectURL(new Blob([svgMarkup(el, w, h)], { type: 'image/svg+xml' }));
    try {
      const img = new Image();
      img.src = url;
      await img.decode();
      ctx.drawImage(img, x, y, w, h);
    } finally {
      URL.revokeObjectURL(url);
    }
  }
  return new Promise((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

export function toCsv(series: NonNullable<ExportData['series']>): string {
  const cell = (v: number | string) => (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [series.columns.join(','), ...series.rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}

export function ExportButtons({ name, target, data }: Props) {
  const [status, setStatus] = useState('');
  const run = async (what: string, f: () => Promise<void> | void) => {
    try {
      await f();
      setStatus(`${what} saved`);
    } catch (e) {
      setStatus(`${what} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const d = () => data?.() ?? {};
  return (
    <div className="export-buttons" role="group" aria-label="Export">
      <button type="button" onClick={() => run('PNG', async () => { const el = target(); if (!el) throw new Error('no figure'); download(`${name}.png`, await figureToPng(el)); })}>
        PNG
      </button>
      <button type="button" onClick={() => run('SVG', () => { const el = target(); if (!el) throw new Error('no figure'); download(`${name}.svg`, new Blob([figureToSvg(el)], { type: 'image/svg+xml' })); })}>
        SVG
      </button>
      {data && (
        <>
          <button type="button" onClick={() => run('CSV', () => { const s = d().series; if (!s) throw new Error('no series'); download(`${name}-metrics.csv`, new Blob([toCsv(s)], { type: 'text/csv' })); })}>
            CSV
          </button>
          <button type="button" onClick={() => run('JSON', () => download(`${name}-snapshot.json`, new Blob([JSON.stringify(d().snapshot ?? null)], { type: 'application/json' })))}>
            JSON
          </button>
        </>
      )}
      <span role="status" className="readout">
        {status}
      </span>
    </div>
  );
}

/**
 * The toy lab's export, one line to drop into ToyPanel: `<ToyLabExport />`. It exports the panel's figure grid
 * (PNG/SVG), the metric series over the stored snapshots (CSV), and the viewed snapshot (JSON).
 */
export function ToyLabExport({ member = 0 }: { member?: number }) {
  const ref = useRef<HTMLSpanElement>(null);
  return (
    <span ref={ref}>
      <ExportButtons
        name="symmetry-lab-toy"
        target={() => ref.current?.closest('section')?.querySelector('.figure-grid') ?? null}
        data={() => {
          const s = useTrainingStore.getState();
          const v = selectViewedSnapshot(s);
          const P = v ? v.mean.length : 0;
          const k = v ? Math.min(member, v.ensembleSize - 1) : 0;
          return {
            series: {
              columns: ['step', 'loss', 'mean_rstd_off', 'mean_rstd_on', 'member_rstd_off', 'member_rstd_on', 'noaug_mean_rstd_off'],
              rows: s.snapshots.map((x) => [x.step, x.metrics.loss, x.metrics.mean.off.relativeStd, x.metrics.mean.on.relativeStd, x.metrics.member.off.relativeStd, x.metrics.member.on.relativeStd, x.metrics.noAugMean?.off.relativeStd ?? NaN]),
            },
            snapshot: v ? { config: s.config, step: v.step, metrics: v.metrics, mean: Array.from(v.mean), member: k, memberValues: Array.from(v.members.subarray(k * P, (k + 1) * P)), meanDeviation: Array.from(v.meanDeviation) } : null,
          };
        }}
      />
    </span>
  );
}
