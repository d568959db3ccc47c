import { defineConfig } from 'vite';

// The output is embedded into the falcon executable by Falcon.csproj (see docs/console.md).
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
});
