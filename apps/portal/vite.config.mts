import { defineConfig } from 'vite';

/** The portal: a static single-page app that apps/api serves under /portal. */
export default defineConfig({
  root: import.meta.dirname,
  base: '/portal/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: '../../dist/portal',
    emptyOutDir: true,
    sourcemap: true,
  },
});
