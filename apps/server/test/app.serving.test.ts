import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { openStore, type Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressDirectory } from "../../web/build-tools/precompress.ts";
import { buildServer } from "../src/index.ts";

// A built app of our own: a shell, a hashed script and stylesheet, a small unhashed file.
const script = `export function render(){${"document.body.append('observation report');".repeat(2000)}}\n`;
const style = `${"body{margin:0;font-family:system-ui}".repeat(200)}\n`;
const shell =
  '<!doctype html><html><head><script type="module" src="/assets/index-Qx7_a9Zk.js"></script>' +
  '<link rel="stylesheet" href="/assets/index-B2c4D6e8.css"></head><body><div id="root"></div></body></html>';

describe("serving the web app and the API", () => {
  let app: FastifyInstance;
  let store: Store;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), "scrutiny-web-"));
    mkdirSync(join(root, "assets"));
    writeFileSync(join(root, "index.html"), shell);
    writeFileSync(join(root, "assets", "index-Qx7_a9Zk.js"), script);
    writeFileSync(join(root, "assets", "index-B2c4D6e8.css"), style);
    writeFileSync(join(root, "robots.txt"), "User-agent: *\n");
    expect(precompressDirectory(root)).toBe(2);
    const opened = await openStore({ dataDir: "memory://" });
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
    app = await buildServer({ store, webRoot: root });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  it("sends helmet's security headers on every answer, pages and API errors alike", async () => {
    for (const url of ["/", "/health", "/api/v1/elections", "/api/v1/no-such-route"]) {
      const response = await app.inject({ method: "GET", url });
      expect(response.headers["content-security-policy"], url).toContain("default-src 'self'");
      expect(response.headers["x-content-type-options"], url).toBe("nosniff");
      expect(response.headers["x-frame-options"], url).toBe("SAMEORIGIN");
      expect(response.headers["strict-transport-security"], url).toMatch(/^max-age=\d+/);
      expect(response.headers["referrer-policy"], url).toBe("no-referrer");
      expect(response.headers["cross-origin-opener-policy"], url).toBe("same-origin");
      expect(response.headers["x-powered-by"], url).toBeUndefined();
    }
  });

  it("never asks browsers to upgrade to https when served over plain http from an address", async () => {
    for (const host of ["192.168.1.20:8080", "scrutiny.lan", "localhost:8080"]) {
      const response = await app.inject({ method: "GET", url: "/", headers: { host } });
      expect(response.statusCode).toBe(200);
      const csp = String(response.headers["content-security-policy"]);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("upgrade-insecure-requests");
      expect(response.body).toContain('src="/assets/index-Qx7_a9Zk.js"');
    }
  });

  it("sends the build's brotli or gzip file to clients that accept it", async () => {
    const url = "/assets/index-Qx7_a9Zk.js";
    const br = await app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["content-type"]).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(script.length / 20);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gzip = await app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip" } });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(script);

    const plain = await app.inject({ method: "GET", url, headers: { "accept-encoding": "identity" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(script);

    const css = await app.inject({
      method: "GET",
      url: "/assets/index-B2c4D6e8.css",
      headers: { "accept-encoding": "br" },
    });
    expect(css.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(css.rawPayload).toString()).toBe(style);
  });

  it("caches hashed assets for a year and makes the shell and other files revalidate", async () => {
    for (const url of ["/assets/index-Qx7_a9Zk.js", "/assets/index-B2c4D6e8.css"]) {
      for (const encoding of ["br", "identity"]) {
        const response = await app.inject({ method: "GET", url, headers: { "accept-encoding": encoding } });
        expect(response.headers["cache-control"], `${url} ${encoding}`).toBe(
          "public, max-age=31536000, immutable",
        );
      }
    }
    for (const url of ["/", "/index.html", "/missions/some/page", "/robots.txt"]) {
      const response = await app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["cache-control"], url).toBe("no-cache");
    }
  });

  it("compresses JSON responses over 1 KiB and leaves small ones as they are", async () => {
    const large = await app.inject({
      method: "GET",
      url: "/api/docs/json",
      headers: { "accept-encoding": "br" },
    });
    expect(large.statusCode).toBe(200);
    expect(large.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(brotliDecompressSync(large.rawPayload).toString()).openapi).toMatch(/^3\./);
    const gzip = await app.inject({
      method: "GET",
      url: "/api/docs/json",
      headers: { "accept-encoding": "gzip" },
    });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    const small = await app.inject({ method: "GET", url: "/health", headers: { "accept-encoding": "br" } });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.json()).toBeTruthy();
  });
});
