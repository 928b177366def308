import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, api } from "../src/api/client.ts";

function answer(status: number, body: string) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(body, { status, statusText: "Status" })),
  );
}

describe("web API client", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("returns the parsed body of a success", async () => {
    answer(200, JSON.stringify({ elections: [] }));
    expect(await api.elections()).toEqual({ elections: [] });
  });

  it("turns the server's error shape into an ApiError", async () => {
    answer(
      401,
      JSON.stringify({ error: { code: "invalid_credentials", message: "wrong username or password" } }),
    );
    const error = await api.signIn("coordinator", "wrong").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 401,
      code: "invalid_credentials",
      message: "wrong username or password",
    });
  });

  it("still throws an ApiError for a body that is not the error shape", async () => {
    answer(502, "<html>Bad gateway</html>");
    await expect(api.me()).rejects.toMatchObject({ status: 502, code: "http_error" });
  });

  it("reports an unreachable server as status 0", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        throw new TypeError("Failed to fetch");
      }),
    );
    await expect(api.me()).rejects.toMatchObject({ status: 0, code: "network" });
  });

  it("sends JSON only when there is a body", async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ signedOut: true }), { status: 200 }));
    vi.stubGlobal("fetch", fetch);
    await api.signOut();
    await api.signIn("a", "b");
    const calls = fetch.mock.calls as unknown as [string, RequestInit][];
    expect(calls[0]?.[1].body).toBeUndefined();
    expect(calls[0]?.[1].headers).not.toHaveProperty("content-type");
    expect(calls[1]?.[1].headers).toHaveProperty("content-type", "application/json");
    expect(calls[1]?.[1].body).toBe(JSON.stringify({ username: "a", password: "b" }));
  });
});
