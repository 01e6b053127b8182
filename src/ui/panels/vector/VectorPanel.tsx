/** Placeholder until this panel lands: it says so plainly rather than showing a blank area. */
export default function VectorPanel() {
  return (
    <section className="panel" aria-labelledby="panel-title">
      <h2 id="panel-title">Coming soon</h2>
      <p>This panel is not built yet. The toy example lab works today.</p>
    </section>
  );
}
