import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dashboard is static files under web/dist that `linkledger serve` serves at /. In development
// (`npm run dev --workspace web`), API calls go to a running `linkledger serve` on LINKLEDGER_API.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': process.env.LINKLEDGER_API ?? 'http://127.0.0.1:8080' },
  },
});
