import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { precompressDirectory } from "./build-tools/precompress.ts";

const root = fileURLToPath(new URL(".", import.meta.url));

// The API server (`npm run scrutiny -- serve`, port 8080) serves the built app in production;
// during development Vite serves the app and forwards the API to it, so cookies stay same-origin.
const api = process.env["SCRUTINY_API"] ?? "http://localhost:8080";

interface ManifestChunk {
  file: string;
  css?: string[];
  assets?: string[];
  imports?: string[];
}

/**
 * Writes the observer app's service worker after the build: the hand-written worker in
 * observer/sw.js with the list of exactly the files the observer page needs (found through
 * Vite's manifest), so the phone caches its own app and nothing of the analysts' one.
 */
function observerServiceWorker(): Plugin {
  return {
    name: "scrutiny-observer-service-worker",
    apply: "build",
    closeBundle() {
      const outDir = join(root, "dist");
      const manifest = JSON.parse(readFileSync(join(outDir, ".vite/manifest.json"), "utf8")) as Record<
        string,
        ManifestChunk
      >;
      const files = new Set<string>();
      const visit = (key: string) => {
        const chunk = manifest[key];
        if (chunk === undefined || files.has(`/${chunk.file}`)) return;
        files.add(`/${chunk.file}`);
        for (const file of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(`/${file}`);
        for (const imported of chunk.imports ?? []) visit(imported);
      };
      visit("observer/index.html");
      files.delete("/observer/index.html");
      const precache = [
        "/observer/",
        "/observer/manifest.webmanifest",
        "/observer/icon-192.png",
        "/observer/icon-512.png",
        "/favicon.svg",
        ...[...files].sort(),
      ];
      const html = readFileSync(join(outDir, "observer/index.html"));
      const version = createHash("sha256")
        .update(html)
        .update(precache.join("\n"))
        .digest("hex")
        .slice(0, 16);
      const source = readFileSync(join(root, "observer/sw.js"), "utf8")
        .replace('"__SCRUTINY_VERSION__"', JSON.stringify(version))
        .replace("__SCRUTINY_PRECACHE__", JSON.stringify(precache));
      writeFileSync(join(outDir, "observer/sw.js"), source);
    },
  };
}

export default defineConfig({
  root,
  plugins: [
    react(),
    observerServiceWorker(),
    // Last, after the service worker is written: the server sends these .br/.gz files as they are.
    {
      name: "scrutiny-precompress",
      apply: "build",
      closeBundle: {
        order: "post",
        sequential: true,
        handler: () => void precompressDirectory(join(root, "dist")),
      },
    },
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The server's CSP forbids inline scripts; Vite emits external module scripts only.
    assetsInlineLimit: 0,
    sourcemap: true,
    manifest: true,
    rolldownOptions: {
      // Three apps: the analysts' workspace, the observers' phone app and the public portal, each
      // with its own bundle (observers and the public never load the analysts' code).
      input: {
        main: join(root, "index.html"),
        observer: join(root, "observer/index.html"),
        portal: join(root, "portal/index.html"),
      },
    },
  },
  server: {
    proxy: {
      "/api": { target: api, changeOrigin: false },
      "/health": { target: api, changeOrigin: false },
    },
  },
});
