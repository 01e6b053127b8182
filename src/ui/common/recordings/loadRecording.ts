/** Fetch and decode a recorded run from public/recordings/, relative to the page (so sub-paths work). Cached. */
import { decodeRecording, type Recording } from './format';
import type { RecordingSpec } from './manifest';

const cache = new Map<string, Promise<Recording>>();

export function loadRecording(spec: RecordingSpec): Promise<Recording> {
  let p = cache.get(spec.id);
  if (!p) {
    const url = new URL(`recordings/${spec.file}`, document.baseURI).href;
    p = fetch(url)
      .then((r) => {
        if (!r.ok) throw new Error(`could not load the recording ${spec.file} (HTTP ${r.status})`);
        return r.arrayBuffer();
      })
      .then((b) => decodeRecording(b));
    p.catch(() => cache.delete(spec.id));
    cache.set(spec.id, p);
  }
  return p;
}
