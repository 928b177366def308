import { SignInRequest, User } from "@scrutiny/domain";
import { z } from "zod";
import { publicAccess, signedIn } from "../policy.ts";
import { defineRoute } from "../route.ts";

export const CreateTokenRequest = z.object({ name: z.string().trim().min(1).max(100) });

export const signIn = defineRoute({
  method: "POST",
  path: "/api/v1/auth/sign-in",
  summary: "Sign in with username and password",
  tags: ["auth"],
  body: SignInRequest,
  responses: { 200: z.object({ user: User }) },
  policy: publicAccess,
});

export const signOut = defineRoute({
  method: "POST",
  path: "/api/v1/auth/sign-out",
  summary: "End the session",
  tags: ["auth"],
  responses: { 200: z.object({ signedOut: z.literal(true) }) },
  policy: publicAccess,
});

export const me = defineRoute({
  method: "GET",
  path: "/api/v1/me",
  summary: "The signed-in user",
  tags: ["auth"],
  responses: { 200: z.object({ user: User }) },
  policy: signedIn(),
});

export const createToken = defineRoute({
  method: "POST",
  path: "/api/v1/auth/tokens",
  summary: "Create an API token for a machine client",
  tags: ["auth"],
  body: CreateTokenRequest,
  responses: { 201: z.object({ id: z.uuid(), name: z.string(), token: z.string() }) },
  policy: signedIn(),
});
