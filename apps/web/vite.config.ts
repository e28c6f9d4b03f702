import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API (NestJS) serves the built SPA from apps/web/dist at `/` and the API at `/api`.
// In development, `npm run dev` proxies /api to the API on port 3000.
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: true },
    },
  },
});
