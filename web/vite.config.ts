import { defineConfig } from "vite";

// `npm run dev` proxies the API to a running `mend serve` (MEND_API, default port 8080).
const api = process.env.MEND_API ?? "http://127.0.0.1:8080";

export default defineConfig({
  base: "/",
  build: { outDir: "dist", sourcemap: false, chunkSizeWarningLimit: 2000 },
  // The server refuses a foreign Host and a foreign Origin on state-changing requests (docs/api.md):
  // the dev server's requests are sent as if from the API's own origin.
  server: { proxy: { "/api": { target: api, changeOrigin: true, headers: { origin: api } } } },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
