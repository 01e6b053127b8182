import { BACKEND_ORDER, type BackendName } from '../worker/protocol';

/**
 * The compute backend a lab's URL asks for (`backend=wasm`, …), or 'auto' when it names none or an unknown one
 * (the URL notice reports the unknown value; see urlNotices.ts). One reading for every panel.
 */
export function backendParam(params: URLSearchParams): BackendName | 'auto' {
  const b = params.get('backend');
  return b && (BACKEND_ORDER as readonly string[]).includes(b) ? (b as BackendName) : 'auto';
}
