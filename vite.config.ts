import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { withContentSecurityPolicy } from './scripts/contentSecurityPolicy';

// Every built page gets the Content-Security-Policy <meta> (scripts/contentSecurityPolicy.ts); the dev server does not,
// because React's fast-refresh preamble is an inline script.
const contentSecurityPolicy: Plugin = {
  name: 'symlab-content-security-policy',
  apply: 'build',
  transformIndexHtml: { order: 'post', handler: (html, ctx) => withContentSecurityPolicy(html, ctx.filename) },
};

// Relative base: the static build works from any sub-path and from a plain file server.
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: {
        main: 'index.html',
        'embed-demo': 'embed-demo.html',
        bench: 'bench.html',
      },
      // The small React-only widgets the lazy pages share (the panels' KaTeX wrapper, buttons, select and member inputs,
      // table heads, the talk's table, the transport's progress readouts and timeline) travel as one chunk. Left to the
      // automatic splitting, each set of importers would get a chunk of its own, and every chunk's file name is written
      // into the entry chunk's preload map: the first page's script would grow with each shared widget. Only these
      // files are captured, not their dependencies (React, and the step labels' 0.7 kB chunk), and the shell imports
      // none of them, so the chunk never loads on the first paint.
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'lab-common',
              includeDependenciesRecursively: false,
              test: /src[\\/]ui[\\/](common[\\/](LazyTex|FocusSafeButton|ColumnHeads|SelectField|MemberInput|figure[\\/]OspTable)|lab[\\/](RunProgress|SnapshotSlider))\.tsx$/,
            },
          ],
        },
      },
    },
  },
  server: { port: 5173 },
});
