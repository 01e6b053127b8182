/** The embed message validator accepts exactly the documented commands and rejects everything else. */
import { describe, expect, it } from 'vitest';
import { parseParentOrigin, validateEmbedCommand, SET_KEYS, openEmbedChannel } from '../../../src/state/embed';

describe('validateEmbedCommand', () => {
  it('accepts every documented command', () => {
    const good = [
      { v: 1, type: 'play' },
      { v: 1, type: 'pause', id: 'a' },
      { v: 1, type: 'step' },
      { v: 1, type: 'step', count: 2000 },
      { v: 1, type: 'reset', id: 7 },
      { v: 1, type: 'seek', step: 0 },
      { v: 1, type: 'seek', step: 2000 },
      { v: 1, type: 'rotate', theta: -3.5 },
      { v: 1, type: 'set', config: { E: 8, width: '16', anti: true, group: 'C4' } },
      { v: 1, type: 'play', source: 'my-deck' },
    ];
    for (const m of good) expect(validateEmbedCommand(m), JSON.stringify(m)).toMatchObject({ ok: true, command: { type: m.type, v: 1 } });
    expect(validateEmbedCommand({ v: 1, type: 'seek', step: 2000 })).toEqual({ ok: true, command: { v: 1, type: 'seek', step: 2000 } });
  });

  const bad: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a string', 'play'],
    ['a number', 1],
    ['an array', [{ v: 1, type: 'play' }]],
    ['no version', { type: 'play' }],
    ['version 2', { v: 2, type: 'play' }],
    ['version "1"', { v: '1', type: 'play' }],
    ['no type', { v: 1 }],
    ['unknown type', { v: 1, type: 'explode' }],
    ['type not a string', { v: 1, type: 5 }],
    ['prototype type', { v: 1, type: 'constructor' }],
    ['unexpected field', { v: 1, type: 'play', step: 3 }],
    ['seek without step', { v: 1, type: 'seek' }],
    ['seek negative', { v: 1, type: 'seek', step: -1 }],
    ['seek fractional', { v: 1, type: 'seek', step: 2.5 }],
    ['seek string', { v: 1, type: 'seek', step: '2000' }],
    ['seek NaN', { v: 1, type: 'seek', step: NaN }],
    ['seek huge', { v: 1, type: 'seek', step: 1e12 }],
    ['step 0', { v: 1, type: 'step', count: 0 }],
    ['step 2001', { v: 1, type: 'step', count: 2001 }],
    ['rotate without theta', { v: 1, type: 'rotate' }],
    ['rotate Infinity', { v: 1, type: 'rotate', theta: Infinity }],
    ['rotate string', { v: 1, type: 'rotate', theta: '1' }],
    ['set without config', { v: 1, type: 'set' }],
    ['set config array', { v: 1, type: 'set', config: [1, 2] }],
    ['set empty config', { v: 1, type: 'set', config: {} }],
    ['set unknown key', { v: 1, type: 'set', config: { evil: 1 } }],
    ['set __proto__ key', { v: 1, type: 'set', config: JSON.parse('{"__proto__": {"x": 1}}') }],
    ['set nested value', { v: 1, type: 'set', config: { E: { n: 1 } } }],
    ['set NaN value', { v: 1, type: 'set', config: { E: NaN } }],
    ['set huge string', { v: 1, type: 'set', config: { pts: 'x'.repeat(3000) } }],
    ['id object', { v: 1, type: 'play', id: {} }],
    ['id long', { v: 1, type: 'play', id: 'x'.repeat(100) }],
    ['source number', { v: 1, type: 'play', source: 3 }],
    ['class instance', new (class { v = 1; type = 'play'; })()],
    ['Date', new Date()],
  ];
  for (const [name, msg] of bad) {
    it(`rejects ${name}`, () => {
      const r = validateEmbedCommand(msg);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.length).toBeGreaterThan(5);
    });
  }

  it('set accepts every URL-table parameter and member', () => {
    expect(SET_KEYS).toEqual(['group', 'E', 'width', 'depth', 'lr', 'seed', 'steps', 'sw', 'sb', 'act', 'anti', 'init', 'twin', 'frames', 'pts', 'member']);
    for (const k of SET_KEYS) expect(validateEmbedCommand({ v: 1, type: 'set', config: { [k]: '1' } }).ok).toBe(true);
  });
});

describe('parentOrigin', () => {
  it('accepts serialised origins only', () => {
    expect(parseParentOrigin(null)).toEqual({ origin: null, valid: true });
    expect(parseParentOrigin('https://slides.example.org')).toEqual({ origin: 'https://slides.example.org', valid: true });
    expect(parseParentOrigin('http://127.0.0.1:4173')).toEqual({ origin: 'http://127.0.0.1:4173', valid: true });
    for (const bad of ['*', 'example.org', 'https://example.org/path', 'javascript:alert(1)', 'null', 'file:///x', 'https://']) {
      expect(parseParentOrigin(bad).valid, bad).toBe(false);
    }
  });
});

describe('openEmbedChannel', () => {
  function fakeWindows() {
    const listeners: ((e: MessageEvent) => void)[] = [];
    const posted: { msg: unknown; target: string }[] = [];
    const parent = { postMessage: (msg: unknown, target: string) => posted.push({ msg, target }) } as unknown as Window;
    const self = {
      addEventListener: (_: string, f: (e: MessageEvent) => void) => listeners.push(f),
      removeEventListener: () => listeners.splice(0),
    } as unknown as Window;
    const deliver = (data: unknown, origin: string, source: unknown) => listeners.forEach((f) => f({ data, origin, source } as MessageEvent));
    return { parent, self, posted, deliver };
  }

  it('executes valid commands from the parent at the allowed origin only; logs the rest', () => {
    const w = fakeWindows();
    const run: string[] = [];
    const logs: string[] = [];
    const ch = openEmbedChannel({ parent: w.parent, self: w.self, parentOrigin: 'https://deck.example', onCommand: (c) => run.push(c.type), log: (m) => logs.push(m) });
    w.deliver({ v: 1, type: 'play' }, 'https://deck.example', w.parent);
    w.deliver({ v: 1, type: 'play' }, 'https://evil.example', w.parent);
    w.deliver({ v: 1, type: 'play' }, 'https://deck.example', {});
    w.deliver({ v: 1, type: 'nope' }, 'https://deck.example', w.parent);
    expect(run).toEqual(['play']);
    expect(ch.ignored()).toBe(3);
    expect(logs[0]).toMatch(/origin https:\/\/evil.example is not the allowed parentOrigin/);
    expect(logs[1]).toMatch(/did not come from the parent window/);
    expect(logs[2]).toMatch(/unknown command/);
    // the malformed one from the parent is answered with an error event, posted only to the allowed origin
    expect(w.posted).toHaveLength(1);
    expect(w.posted[0]).toMatchObject({ target: 'https://deck.example', msg: { v: 1, source: 'symmetry-lab', type: 'error' } });
    ch.post({ type: 'resize', height: 300 });
    expect(w.posted[1].msg).toEqual({ v: 1, source: 'symmetry-lab', type: 'resize', height: 300 });
  });

  it('fails closed when parentOrigin was invalid', () => {
    const w = fakeWindows();
    const run: string[] = [];
    openEmbedChannel({ parent: w.parent, self: w.self, parentOrigin: null, closed: true, onCommand: (c) => run.push(c.type), log: () => {} });
    w.deliver({ v: 1, type: 'play' }, 'https://deck.example', w.parent);
    expect(run).toEqual([]);
  });
});
