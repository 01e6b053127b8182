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
    },
  },
  server: { port: 5173 },
});
