// A browser sends the session cookie with any request to this server, including one a page on
// another site makes (a form posting text/plain needs no CORS preflight). Writes that ride on the
// cookie must therefore come from this server's own pages: `Sec-Fetch-Site` (every current
// browser) says so, or else `Origin` names this host. A request with neither header was not made
// by a browser on another site's behalf (curl, scripts, ODK Collect). Bearer-token and Basic-auth
// requests carry no ambient credential and are not checked.
import type { FastifyRequest } from "fastify";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Why a cookie-authenticated request must be refused as cross-site, or undefined when it may pass. */
export function crossSiteRefusal(request: FastifyRequest): string | undefined {
  if (SAFE_METHODS.has(request.method)) return undefined;
  const fetchSite = header(request, "sec-fetch-site");
  if (fetchSite !== undefined) {
    // `none`: the user did it (typed address, bookmark); `same-site` may be a sibling subdomain.
    if (fetchSite === "same-origin" || fetchSite === "none") return undefined;
    return `a ${fetchSite} request may not use this site's session (Sec-Fetch-Site: ${fetchSite})`;
  }
  const origin = header(request, "origin");
  if (origin === undefined) return undefined;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host !== undefined && host !== "" && host === request.host.toLowerCase()) return undefined;
  return `a request from ${origin} may not use this site's session`;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === "string" ? value.toLowerCase() : undefined;
}
