/**
 * The `backend=` URL parameter as the panels read it. The parser lives beside the protocol's backend names
 * (src/worker/protocol.ts, so the page pulls in no extra chunk); panels take it from here, the state layer, and never
 * import a worker file themselves.
 */
export { backendParam } from '../worker/protocol';
