import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Libraries every first page load needs, in chunks of their own: a CalmDesk release that changes
          // only our code leaves them cached. Mantine stays where rolldown puts it, so components only
          // lazy screens use are not pulled into the first load.
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'tanstack', test: /node_modules[\\/]@tanstack[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/ },
            // The engine's language packs, a chunk each: a release that changes one language's words
            // leaves the others cached, and no chunk of the engine passes Vite's 500 kB warning.
            { name: 'lang-pl', test: /analysis[\\/]src[\\/]lang[\\/]pl[\\/]/ },
            { name: 'lang-et', test: /analysis[\\/]src[\\/]lang[\\/]et[\\/]/ },
            { name: 'lang-en', test: /analysis[\\/]src[\\/]lang[\\/]en[\\/]/ },
          ],
        },
      },
    },
  },
});
