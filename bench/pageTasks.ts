/**
 * The page's main-thread tasks during a run, from a Chrome trace (Playwright's `browser.startTracing`): every task
 * the renderer's main thread ran, with its wall time and its thread time. The long-task observer reports only tasks
 * of 50 ms and more; the trace shows the margin below that, and whether a long task was the page's own work or the
 * thread waiting for a core (wall time ≫ thread time).
 */
import type { Browser, Page } from '@playwright/test';

/** The trace categories that carry the renderer's tasks (RunTask, with wall `dur` and thread `tdur`). */
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

export interface PageTasks {
  /** How many tasks the page's main thread ran. */
  count: number;
  /** The longest tasks' wall times, ms, longest first (at most 8). */
  longestMs: number[];
  /** The thread time of the longest task, ms. */
  longestThreadMs: number;
  /** Tasks of 30 ms or more of wall time. */
  over30: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Start tracing `page`; `stop()` ends the trace and summarises the page's main-thread tasks. */
export async function tracePageTasks(browser: Browser, page: Page): Promise<{ stop(): Promise<PageTasks> }> {
  await browser.startTracing(page, { categories: CATEGORIES });
  return {
    async stop() {
      const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
      return summarizeTasks(events);
    },
  };
}

/** The tasks of the renderer's main thread (the thread named CrRendererMain) in a trace's events. */
export function summarizeTasks(events: TraceEvent[]): PageTasks {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasks = main ? events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask') : [];
  tasks.sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0));
  const ms = (us: number | undefined) => Math.round((us ?? 0) / 100) / 10;
  return {
    count: tasks.length,
    longestMs: tasks.slice(0, 8).map((t) => ms(t.dur)),
    longestThreadMs: ms(tasks[0]?.tdur),
    over30: tasks.filter((t) => (t.dur ?? 0) >= 30_000).length,
  };
}
