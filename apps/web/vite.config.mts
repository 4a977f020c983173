// The web UI's build: `npm run build` writes it to dist/web, which the API serves at /.
// `npm run web:dev` serves it with hot reload and sends /api to a platform running on port 3000.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // The domain's pure code (labels, ID-number checks, stages) is shared with the API and the workflows.
  resolve: {
    alias: {
      '@libs/domain': fileURLToPath(new URL('../../libs/domain/src', import.meta.url)),
      '@libs/contracts': fileURLToPath(new URL('../../libs/contracts/src', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components, which a browser-only app ignores.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
