#!/usr/bin/env node
// Compiles the server and the CLI to JavaScript (apps/cli/dist), so that production runs without
// tsx or any other dev dependency: `npm ci --omit=dev && npm run build && npx scrutiny serve`.
// One esbuild bundle of our own TypeScript (every @scrutiny/* workspace package included); npm
// packages stay external and load from node_modules as usual. Plain JavaScript, so it needs no
// TypeScript loader itself.
import { readFile, rm } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "apps/cli/dist");

/**
 * npm packages are not bundled: only relative imports and our workspace packages are. A package
 * hoisted to the root node_modules is imported by name; one installed under a workspace (npm
 * nests a version the root cannot share) by its path relative to the bundle.
 */
const externalPackages = {
  name: "external-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith("@scrutiny/") || args.path.startsWith("node:") || args.pluginData?.inner)
        return undefined;
      const found = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: { inner: true },
      });
      if (found.errors.length > 0 || found.external || !found.path.includes(`${sep}node_modules${sep}`))
        return { path: args.path, external: true };
      const nested = !found.path.startsWith(join(root, "node_modules") + sep);
      if (!nested) return { path: args.path, external: true };
      return { path: `./${relative(outdir, found.path).split(sep).join("/")}`, external: true };
    });
  },
};

/**
 * Each source file keeps its own `import.meta.url` (its place in the repository), so paths it
 * resolves from it (the store's migrations, the web app's dist) are the same compiled or not.
 */
const sourceLocations = {
  name: "source-locations",
  setup(b) {
    b.onLoad({ filter: /\.(ts|mjs)$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      if (!text.includes("import.meta.url")) return undefined;
      const from = relative(outdir, args.path).split(sep).join("/");
      return {
        contents: text.replaceAll(
          "import.meta.url",
          `new URL(${JSON.stringify(from)}, import.meta.url).href`,
        ),
        loader: args.path.endsWith(".ts") ? "ts" : "js",
      };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: {
    scrutiny: "apps/cli/src/main.ts",
    // Worker threads load their own script (apps/server/src/workers/script.ts finds it).
    "forensics-worker": "apps/server/src/forensics/worker.ts",
  },
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20.19",
  sourcemap: "linked",
  logLevel: "warning",
  metafile: true,
  // Marks the bundle, so that worker threads start from the compiled scripts beside it.
  banner: { js: "globalThis.scrutinyBundle = import.meta.url;" },
  plugins: [externalPackages, sourceLocations],
});
const bytes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith(".js"))
  .map(([file, out]) => `${relative(root, file)} ${(out.bytes / 1024).toFixed(0)} KiB`);
process.stdout.write(`built ${bytes.join(", ")}\n`);
