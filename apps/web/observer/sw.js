// The observer app's service worker (hand-written; see docs/ARCHITECTURE.md). The build
// replaces the two placeholders with the app's files and a version derived from them.
// The app itself (HTML, scripts, styles, icons) is precached and served from the cache first,
// so it opens with no signal at all; the API is never cached here: the app keeps its data in
// IndexedDB and decides itself what to do without a connection.
const VERSION = "__SCRUTINY_VERSION__";
const PRECACHE = __SCRUTINY_PRECACHE__;
const CACHE = `scrutiny-observer-${VERSION}`;
const SHELL = "/observer/";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("scrutiny-observer-") && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate" && url.pathname.startsWith(SHELL)) {
    // Any page of the app (with ?username=… or not) is the same shell.
    event.respondWith(caches.match(SHELL, { cacheName: CACHE }).then((cached) => cached ?? fetch(request)));
    return;
  }
  event.respondWith(
    caches
      .match(request, { cacheName: CACHE, ignoreSearch: true })
      .then((cached) => cached ?? fetch(request)),
  );
});
