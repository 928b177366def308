// What an API token may call besides what its owner's role allows: `all` tokens anything,
// `read` tokens GET routes (and routes that name `read`), `submit` tokens only the routes whose
// policy names `submit` (sending reports and their attachments). Sessions are always `all`.
import type { Method, Policy, TokenScope } from "@scrutiny/contract";

export function tokenMayCall(scope: TokenScope, policy: Policy, method: Method): boolean {
  if (scope === "all" || policy.access === "public") return true;
  if (scope === "read" && method === "GET") return true;
  return policy.tokenScopes?.includes(scope) ?? false;
}
