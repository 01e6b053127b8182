/**
 * The script of embed-demo.html: three figures in iframes, each with buttons that send postMessage commands, and a
 * log of the events they send back. Plain DOM, no React: this is what a slide deck's integration would look like.
 */
import type { EmbedEvent } from './embed';

interface DemoFigure {
  id: string;
  title: string;
  hash: string;
}

const FIGURES: DemoFigure[] = [
  { id: 'toy', title: 'Ensemble mean and one member', hash: '#/?embed=1&panel=toy' },
  { id: 'probe', title: "The probe's orbit", hash: '#/?embed=1&panel=probe' },
  // Opened by URL alone, as a slide would be: the end of training, no command needed.
  { id: 'invariance', title: 'Invariance against training step', hash: '#/?embed=1&panel=invariance&step=2000' },
];

const origin = window.location.origin;
const deck = document.getElementById('deck')!;
const log = document.getElementById('log')!;
const frames = new Map<string, HTMLIFrameElement>();
const thetas = new Map<string, number>();
/** Exposed for tests and for the curious: every event received, per figure. */
const received: Record<string, EmbedEvent[]> = {};
(window as unknown as { symlabEvents: typeof received }).symlabEvents = received;

function send(id: string, message: Record<string, unknown>) {
  frames.get(id)?.contentWindow?.postMessage({ v: 1, ...message }, origin);
}

const extra = new URLSearchParams(window.location.search);
for (const f of FIGURES) {
  const card = document.createElement('section');
  card.className = 'card';
  card.setAttribute('aria-labelledby', `h-${f.id}`);
  card.innerHTML = `<h2 id="h-${f.id}">${f.title}</h2>`;
  const iframe = document.createElement('iframe');
  iframe.title = `Symmetry Lab figure: ${f.title}`;
  iframe.id = `frame-${f.id}`;
  const more = extra.get(f.id) ?? '';
  iframe.src = `./index.html${f.hash}&parentOrigin=${encodeURIComponent(origin)}${more ? `&${more}` : ''}`;
  frames.set(f.id, iframe);
  thetas.set(f.id, 0);
  received[f.id] = [];
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  buttons.setAttribute('role', 'group');
  buttons.setAttribute('aria-label', `${f.title}: commands`);
  const cmds: [string, () => void][] = [
    ['Play', () => send(f.id, { type: 'play' })],
    ['Pause', () => send(f.id, { type: 'pause' })],
    ['Step', () => send(f.id, { type: 'step' })],
    ['Reset', () => send(f.id, { type: 'reset' })],
    ['Seek 2000', () => send(f.id, { type: 'seek', step: 2000 })],
    ['Rotate 45°', () => rotate(f.id)],
  ];
  for (const [label, fn] of cmds) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.dataset.figure = f.id;
    b.dataset.command = label.split(' ')[0].toLowerCase();
    b.addEventListener('click', fn);
    buttons.append(b);
  }
  const state = document.createElement('div');
  state.className = 'state';
  state.id = `state-${f.id}`;
  state.setAttribute('aria-live', 'polite');
  state.textContent = 'waiting for ready…';
  card.append(buttons, iframe, state);
  deck.append(card);
}

function rotate(id: string) {
  const t = (thetas.get(id) ?? 0) + Math.PI / 4;
  thetas.set(id, t);
  send(id, { type: 'rotate', theta: t });
}

document.querySelectorAll<HTMLButtonElement>('[data-all]').forEach((b) =>
  b.addEventListener('click', () => {
    for (const f of FIGURES) {
      const a = b.dataset.all;
      if (a === 'seek2000') send(f.id, { type: 'seek', step: 2000 });
      else if (a === 'rotate') rotate(f.id);
      else send(f.id, { type: a });
    }
  }),
);

// The cards stand for slides: navigation keys move the current one, pressed on this page or (forwarded as `key`
// events) inside a figure after a click into it, exactly as a reveal.js deck handles them (docs/EMBEDDING.md).
let current = 0;
const currentLine = document.getElementById('current')!;
function showCurrent(next: number) {
  current = Math.min(FIGURES.length - 1, Math.max(0, next));
  document.querySelectorAll('.card').forEach((c, i) => c.classList.toggle('current', i === current));
  currentLine.textContent = `Slide ${current + 1} of ${FIGURES.length}: ${FIGURES[current].title}`;
  currentLine.dataset.current = String(current);
}
function navigate(key: string, shiftKey: boolean) {
  if (['ArrowRight', 'ArrowDown', 'PageDown'].includes(key) || (key === ' ' && !shiftKey)) showCurrent(current + 1);
  else if (['ArrowLeft', 'ArrowUp', 'PageUp'].includes(key) || (key === ' ' && shiftKey)) showCurrent(current - 1);
  else if (key === 'Home') showCurrent(0);
  else if (key === 'End') showCurrent(FIGURES.length - 1);
  else return false;
  return true;
}
showCurrent(0);
document.addEventListener('keydown', (e) => {
  const t = e.target as HTMLElement;
  if (t.closest('button, input, [role="log"]') || e.ctrlKey || e.altKey || e.metaKey) return;
  if (navigate(e.key, e.shiftKey)) e.preventDefault();
});

window.addEventListener('message', (e: MessageEvent) => {
  if (e.origin !== origin) return;
  const fig = FIGURES.find((f) => frames.get(f.id)?.contentWindow === e.source);
  const data = e.data as EmbedEvent;
  if (!fig || !data || data.source !== 'symmetry-lab' || data.v !== 1) return;
  received[fig.id].push(data);
  if (data.type === 'key') navigate(data.key, data.shiftKey);
  // No resizing: a figure lays itself out inside its box (a slide's box has a fixed size, too).
  if (data.type === 'state') {
    const s = data.state;
    const el = document.getElementById(`state-${fig.id}`)!;
    el.textContent = `${s.source} · ${s.status} · step ${s.viewStep} of ${s.totalSteps} · θ = ${((s.theta * 180) / Math.PI).toFixed(0)}°`;
    el.dataset.viewStep = String(s.viewStep);
    el.dataset.status = s.status;
    el.dataset.theta = String(s.theta);
  }
  const line = document.createElement('div');
  line.textContent = `${fig.id}: ${data.type}${data.type === 'snapshot' ? ` step ${data.step}, mean rstd ${data.summary.meanRstd.toPrecision(3)}, member ${data.summary.memberRstd.toPrecision(3)}` : data.type === 'error' ? ` ${data.message}` : data.type === 'key' ? ` ${JSON.stringify(data.key)}` : ''}`;
  log.prepend(line);
  while (log.childElementCount > 200) log.lastElementChild?.remove();
});
