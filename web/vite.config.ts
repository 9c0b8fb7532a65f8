import { defineConfig } from "vite";

// `npm run dev` proxies the API to a running `mend serve` (MEND_API, default port 8080).
const api = process.env.MEND_API ?? "http://127.0.0.1:8080";

export default defineConfig({
  base: "/",
  build: { outDir: "dist", sourcemap: false, chunkSizeWarningLimit: 2000 },
  server: { proxy: { "/api": api } },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
