import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL(".", import.meta.url));

// The API server (`npm run scrutiny -- serve`, port 8080) serves the built app in production;
// during development Vite serves the app and forwards the API to it, so cookies stay same-origin.
const api = process.env["SCRUTINY_API"] ?? "http://localhost:8080";

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The server's CSP forbids inline scripts; Vite emits external module scripts only.
    assetsInlineLimit: 0,
    sourcemap: true,
  },
  server: {
    proxy: {
      "/api": { target: api, changeOrigin: false },
      "/health": { target: api, changeOrigin: false },
    },
  },
});
