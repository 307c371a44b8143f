import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The console is served by the API under /console (api/console.ts), from console/dist. Charts load
 * with the pages that draw them, so the first screen carries React, Ant Design and the router only.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Sizes are measured after gzip by scripts/console-size.ts; Vite's own report is noise in CI logs.
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Ant Design marks its modules "use client" for React Server Components; a browser bundle has none.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
