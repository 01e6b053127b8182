/**
 * The Content-Security-Policy every built page carries (index.html, embed-demo.html, bench.html), as a
 * `<meta http-equiv>` that vite.config.ts writes into each page at build time. Only the app's own origin:
 *
 * - script-src 'self' 'wasm-unsafe-eval': the tfjs wasm backend and the fused SGD kernel compile WebAssembly; no
 *   JavaScript eval is allowed.
 * - worker-src 'self': the training, NTK, lattice, images, vector and intertwiner workers are module files of the build.
 * - style-src 'self' 'unsafe-inline': KaTeX writes its layout as inline style attributes and embed-demo.html has one
 *   <style> block; no script can be injected through it.
 * - img-src/connect-src 'self' data: blob:: PNG/SVG export builds blob: and data: URLs; data sets, recordings and
 *   .wasm files are fetched from the app's own origin.
 * - font-src 'self' data:: the build inlines KaTeX's smallest font (KaTeX_Size3, under 4 KB) as a data: URL.
 * - object-src 'none', base-uri 'self', form-action 'self', frame-src 'self'. The embed demo is the one page whose job
 *   is to frame figures, and speakers copy it as a deck that frames the app from wherever it is hosted, so its
 *   frame-src also allows http: and https: (EMBED_DEMO_CONTENT_SECURITY_POLICY); the app's own pages frame nothing else.
 *
 * Not here, because a <meta> policy cannot carry them: `frame-ancestors` (who may embed the app; see docs/EMBEDDING.md)
 * and reporting. The dev server (`npm run dev`) gets no policy: React's fast-refresh preamble is an inline script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-src 'self'",
].join('; ');

/** The embed demo's policy: the same, except that it may frame figures from any http(s) origin (see above). */
export const EMBED_DEMO_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("frame-src 'self'", "frame-src 'self' http: https:");

/**
 * The page's <head> with the policy's <meta> placed first after <meta charset>, before any script or stylesheet.
 * `page` is the page's file name (embed-demo.html gets EMBED_DEMO_CONTENT_SECURITY_POLICY).
 */
export function withContentSecurityPolicy(html: string, page = 'index.html'): string {
  const policy = /embed-demo\.html$/.test(page) ? EMBED_DEMO_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  const charset = /<meta charset="[^"]*"\s*\/?>/i;
  if (!charset.test(html)) throw new Error('page has no <meta charset>: cannot place the Content-Security-Policy');
  return html.replace(charset, (m) => `${m}\n    ${meta}`);
}
