// Account endpoints the web app uses (types from the shared route contracts), with TanStack Query
// hooks: administrators' account management, and every user's own password and sessions.
import type { accounts, auth } from "@scrutiny/contract";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { call, seg } from "../api/client.ts";
import { SIGNED_OUT_PATH } from "../api/queries.ts";

export type Account = accounts.Account;
export type NewAccount = z.input<typeof accounts.CreateAccountRequest>;
export type AccountChange = z.input<typeof accounts.ChangeAccountRequest>;

const accountsKey = ["accounts"] as const;
const accountPath = (id: string) => `/api/v1/accounts/${seg(id)}` as const;

export function useAccounts() {
  return useQuery({
    queryKey: accountsKey,
    queryFn: async () => (await call<typeof accounts.listAccounts>("GET", "/api/v1/accounts")).accounts,
  });
}

/** Creates an account; the answer carries the generated password when none was given. */
export function useCreateAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (account: NewAccount) =>
      call<typeof accounts.createAccount>("POST", "/api/v1/accounts", account),
    onSuccess: () => client.invalidateQueries({ queryKey: accountsKey }),
  });
}

export function useChangeAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: AccountChange }) =>
      call<typeof accounts.changeAccount>("PATCH", accountPath(id), change),
    onSuccess: () => client.invalidateQueries({ queryKey: accountsKey }),
  });
}

/** Sets a generated password (shown once) for the account. */
export function useResetPassword() {
  return useMutation({
    mutationFn: (id: string) =>
      call<typeof accounts.resetPassword>("POST", `${accountPath(id)}/password`, {}),
  });
}

export function useChangeOwnPassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      call<typeof auth.changePassword>("POST", "/api/v1/me/password", body),
  });
}

/** Ends every session of the user, this one included, and returns to the sign-in page. */
export function useSignOutEverywhere() {
  return useMutation({
    mutationFn: () => call<typeof auth.signOutEverywhere>("POST", "/api/v1/auth/sign-out-everywhere"),
    onSuccess: () => {
      window.location.replace(SIGNED_OUT_PATH);
    },
  });
}

/** Creates the first administrator with the setup link's one-time token. */
export function useCreateFirstAdmin() {
  return useMutation({
    mutationFn: (body: z.input<typeof accounts.FirstAdminRequest>) =>
      call<typeof accounts.createFirstAdmin>("POST", "/api/v1/setup/first-admin", body),
  });
}

export type ApiToken = auth.ApiToken;
export type NewToken = z.input<typeof auth.CreateTokenRequest>;
const tokensKey = ["me", "tokens"] as const;

/** The user's own API tokens (never their secrets), newest first as the server lists them. */
export function useOwnTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: async () => (await call<typeof auth.listTokens>("GET", "/api/v1/auth/tokens")).tokens,
  });
}

/** Creates a token; the answer carries its secret, shown once. */
export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: NewToken) => call<typeof auth.createToken>("POST", "/api/v1/auth/tokens", token),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) =>
      call<typeof auth.revokeToken>("DELETE", `/api/v1/auth/tokens/${seg(tokenId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }),
  });
}
