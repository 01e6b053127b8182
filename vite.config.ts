import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Relative base: the static build works from any sub-path and from a plain file server.
export default defineConfig({
  base: './',
  plugins: [react()],
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
