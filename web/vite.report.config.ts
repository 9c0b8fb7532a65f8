import { defineConfig } from "vite";

// The chart bundle of `mend report`: one classic script (IIFE) with every dependency inlined, so
// that mend can embed it in a single HTML file that opens without network access.
export default defineConfig({
  build: {
    outDir: "dist-report",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
    lib: { entry: "src/report/main.ts", formats: ["iife"], name: "MendReport", fileName: () => "report.js" },
  },
});
