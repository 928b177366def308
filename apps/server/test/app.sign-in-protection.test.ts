// Sign-in brakes (per-account lock-out with back-off, per-address failure budget), the cross-site
// check on cookie-authenticated writes, and Secure cookies behind HTTPS. The server's clock is
// moved by the test instead of waiting.
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeOnEachBackend } from "../../../test-support/backends.ts";
import { IP_FAILURES, LOCK_AFTER, lockDuration } from "../src/auth/sign-in-throttle.ts";
import { buildServer } from "../src/index.ts";
import { ids, otherObserverId, seedSubmissionFixtures, signIn } from "./support.ts";

const SIGN_IN = "/api/v1/auth/sign-in";

describe("lock-out schedule", () => {
  it("locks from the fifth wrong password, doubling, at most an hour", () => {
    expect(LOCK_AFTER).toBe(5);
    expect([1, 4, 5, 6, 7, 50].map(lockDuration)).toEqual([0, 0, 30_000, 60_000, 120_000, 3_600_000]);
  });
});

describeOnEachBackend("API: sign-in lock-out, address budget, cross-site writes", (getStore) => {
  let app: FastifyInstance;
  let store: Store;
  let now = Date.parse("2031-03-01T08:00:00Z");

  const attempt = (username: string, password: string, remoteAddress = "198.51.100.7") =>
    app.inject({ method: "POST", url: SIGN_IN, payload: { username, password }, remoteAddress });

  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
    app = await buildServer({ store, clock: () => now });
  });
  afterAll(async () => {
    await app.close();
  });

  it("locks an account after repeated wrong passwords, refusing even the right one until it ends", async () => {
    for (let i = 0; i < LOCK_AFTER; i++)
      expect((await attempt("analyst", `guess-${i}`)).statusCode).toBe(401);
    const locked = await attempt("analyst", "pw");
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("account_locked");
    expect(locked.headers["retry-after"]).toBe("30");
    expect(locked.headers["set-cookie"]).toBeUndefined();
    // Another address is no way around it: the lock is the account's.
    expect((await attempt("analyst", "pw", "203.0.113.9")).statusCode).toBe(429);

    now += 31_000;
    // One more wrong password after the lock: locked again, for twice as long.
    expect((await attempt("analyst", "still-wrong")).statusCode).toBe(401);
    const again = await attempt("analyst", "pw");
    expect(again.statusCode).toBe(429);
    expect(again.headers["retry-after"]).toBe("60");

    now += 61_000;
    expect((await attempt("analyst", "pw")).statusCode).toBe(200);
    // Success resets the count: a single wrong password later does not lock.
    expect((await attempt("analyst", "wrong-once")).statusCode).toBe(401);
    expect((await attempt("analyst", "pw")).statusCode).toBe(200);
  });

  it("locks an unknown username the same way, so a lock does not reveal that an account exists", async () => {
    for (let i = 0; i < LOCK_AFTER; i++)
      expect((await attempt("no.such.person", `x${i}`)).statusCode).toBe(401);
    const locked = await attempt("no.such.person", "anything");
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("account_locked");
    expect(locked.headers["retry-after"]).toBe("30");
  });

  it("limits wrong passwords per address without locking another account's right password for good", async () => {
    const crowded = "192.0.2.55";
    for (let i = 0; i < IP_FAILURES; i++) {
      // Different (unknown) usernames each time: no account lock is involved, only the address.
      expect((await attempt(`trainee-${i}`, "wrong", crowded)).statusCode).toBe(401);
    }
    const refused = await attempt("coordinator", "pw", crowded);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe("rate_limited");
    const wait = Number(refused.headers["retry-after"]);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    // Other addresses are not affected, and the account itself is not locked.
    expect((await attempt("coordinator", "pw", "192.0.2.56")).statusCode).toBe(200);
    now += wait * 1000;
    expect((await attempt("coordinator", "pw", crowded)).statusCode).toBe(200);
  });

  it("refuses a cross-site text/plain POST riding on the session cookie (sign-out, access-code reissue)", async () => {
    const coordinator = await signIn(app, "coordinator");
    const crossSite = [
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      { origin: "https://evil.example" },
      { origin: "null" },
      { "sec-fetch-site": "same-site", origin: "https://sub.evil.example" },
    ];
    const accessUrl = `/api/v1/missions/${ids.mission}/observers/${otherObserverId}/access`;
    for (const headers of crossSite) {
      for (const url of ["/api/v1/auth/sign-out", accessUrl]) {
        const forged = await app.inject({
          method: "POST",
          url,
          cookies: coordinator,
          headers: { ...headers, "content-type": "text/plain" },
          payload: "x=1",
        });
        expect(forged.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(403);
        expect(forged.json().error.code).toBe("forbidden");
      }
    }
    // Nothing happened: the session still works and no access code was issued.
    expect((await app.inject({ method: "GET", url: "/api/v1/me", cookies: coordinator })).statusCode).toBe(
      200,
    );
    expect(await store.users.findByUsername("intl-222222")).toBeUndefined();

    // The app's own pages (same origin), and clients that are not browsers, may write.
    const own = await app.inject({
      method: "POST",
      url: accessUrl,
      cookies: coordinator,
      headers: { origin: "http://scrutiny.test", host: "scrutiny.test", "sec-fetch-site": "same-origin" },
    });
    expect(own.statusCode).toBe(201);
    const sameHost = await app.inject({
      method: "POST",
      url: accessUrl,
      cookies: coordinator,
      headers: { origin: "http://scrutiny.test", host: "scrutiny.test" },
    });
    expect(sameHost.statusCode).toBe(201);
    expect((await app.inject({ method: "POST", url: accessUrl, cookies: coordinator })).statusCode).toBe(201);
  });

  it("does not apply the cookie check to bearer tokens, which a foreign page cannot send", async () => {
    const coordinator = await signIn(app, "coordinator");
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/auth/tokens",
      cookies: coordinator,
      payload: { name: "sync" },
    });
    expect(created.statusCode).toBe(201);
    const withToken = await app.inject({
      method: "POST",
      url: "/api/v1/auth/tokens",
      headers: {
        authorization: `Bearer ${created.json().token}`,
        origin: "https://elsewhere.example",
        "sec-fetch-site": "cross-site",
      },
      payload: { name: "second" },
    });
    expect(withToken.statusCode).toBe(201);
  });
});

describeOnEachBackend("API: Secure session cookies", (getStore) => {
  let store: Store;
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    store = getStore();
    await seedSubmissionFixtures(store);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  async function cookieSecure(
    options: { trustProxy?: boolean | string; secureCookies?: boolean },
    headers: Record<string, string>,
  ): Promise<boolean | undefined> {
    const app = await buildServer({ store, ...options });
    apps.push(app);
    const response = await app.inject({
      method: "POST",
      url: SIGN_IN,
      payload: { username: "observer", password: "pw" },
      headers,
    });
    expect(response.statusCode).toBe(200);
    return response.cookies.find((c) => c.name === "scrutiny_session")?.secure;
  }

  it("is Secure when told so, or when a trusted proxy says the request came over HTTPS", async () => {
    const https = { "x-forwarded-proto": "https" };
    expect(await cookieSecure({}, {})).toBeUndefined();
    // Without trustProxy anyone could send the header: it is ignored.
    expect(await cookieSecure({}, https)).toBeUndefined();
    expect(await cookieSecure({ trustProxy: true }, https)).toBe(true);
    expect(await cookieSecure({ trustProxy: "127.0.0.1" }, https)).toBe(true);
    expect(await cookieSecure({ trustProxy: "10.9.8.7" }, https)).toBeUndefined();
    expect(await cookieSecure({ secureCookies: true }, {})).toBe(true);
  });
});
