/**
 * The script a worker thread starts from. Compiled (tools/build.mjs marks its bundle), it is the
 * worker's own bundle beside the CLI's; from source, `sourceEntry`, a small .mjs that registers
 * tsx (worker threads do not inherit the parent's TypeScript loader) and imports the worker.
 */
export function workerScript(bundleName: string, sourceEntry: URL): URL {
  const bundle = (globalThis as { scrutinyBundle?: string }).scrutinyBundle;
  return bundle === undefined ? sourceEntry : new URL(`./${bundleName}.js`, bundle);
}
