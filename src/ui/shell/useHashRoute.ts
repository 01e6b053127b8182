/** The hook lives in src/state (routing is state); re-exported here so shell imports keep working. */
export { useHashRoute } from '../../state/useHashRoute';
