/** The article route. It grows into the scrolling explorable; today it introduces the idea and links the labs. */
export function Article() {
  return (
    <article className="article">
      <h1>Emergent equivariance in deep ensembles</h1>
      <p>
        Train many small networks on data that has been rotated by every element of a symmetry group. No single network
        becomes rotation-invariant. Their average does: everywhere in the plane, even far from the data, and at every
        step of training (Gerken &amp; Kessel, ICML 2024).
      </p>
      <p>
        Symmetry Lab trains such an ensemble in your browser, so you can watch it happen.{' '}
        <a href="#/lab/toy">Open the toy example</a>.
      </p>
    </article>
  );
}
