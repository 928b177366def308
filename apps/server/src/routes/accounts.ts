import { accounts } from "@scrutiny/contract";
import type { Account, Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import {
  type AccountProblem,
  type ChangeProblem,
  changeAccount,
  createAccount,
  resetPassword,
} from "../auth/accounts.ts";
import type { CredentialCache } from "../auth/credential-cache.ts";
import type { FirstAdminSetup } from "../auth/first-admin-setup.ts";
import { HttpError, notFound } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";
import { describeToken } from "./auth.ts";

export function describeAccount(account: Account): accounts.Account {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    missionId: account.missionId,
    observerId: account.observerId,
    locale: account.locale,
    createdAt: account.createdAt.toISOString(),
    disabled: account.disabledAt !== null,
    lockedUntil: account.lockedUntil?.toISOString() ?? null,
  };
}

const STATUS: Record<(AccountProblem | ChangeProblem)["code"], number> = {
  invalid_account: 400,
  unknown_mission: 400,
  username_taken: 409,
  not_found: 404,
  last_admin: 409,
};

function refusal(problem: AccountProblem | ChangeProblem): HttpError {
  const part = problem.field === "accountId" ? "params" : "body";
  const params = "params" in problem ? problem.params : undefined;
  return new HttpError(
    STATUS[problem.code],
    problem.code,
    problem.message,
    { issues: [{ path: [part, problem.field], code: problem.code, message: problem.message }] },
    params,
  );
}

export function accountRoutes(
  app: FastifyInstance,
  store: Store,
  credentials: CredentialCache,
  options: { clock: () => number; firstAdminSetup?: FirstAdminSetup | undefined },
): void {
  registerRoute(
    app,
    accounts.createFirstAdmin,
    async ({ body, reply }) => {
      const setup = options.firstAdminSetup;
      if (setup === undefined || !setup.accepts(body.token))
        throw new HttpError(
          403,
          "forbidden",
          "this setup link is not valid (used, or from an earlier start)",
        );
      if ((await store.users.countActiveAdmins()) > 0) {
        setup.spend();
        throw new HttpError(409, "setup_done", "this server already has an administrator");
      }
      const created = await createAccount(store, {
        username: body.username,
        displayName: body.displayName,
        role: "admin",
        missionId: null,
        password: body.password,
      });
      if (!created.ok) throw refusal(created.error);
      setup.spend();
      const account = await store.users.findAccount(created.value.user.id);
      if (account === undefined) throw new Error("a created account vanished");
      return reply.status(201).send({ account: describeAccount(account) });
    },
    { config: { rateLimit: { max: 10, timeWindow: "1 minute" } } },
  );

  registerRoute(app, accounts.listAccounts, async () => ({
    accounts: (await store.users.listAccounts()).map(describeAccount),
  }));

  registerRoute(app, accounts.createAccount, async ({ body, reply }) => {
    const created = await createAccount(store, body);
    if (!created.ok) throw refusal(created.error);
    const account = await store.users.findAccount(created.value.user.id);
    if (account === undefined) throw new Error("a created account vanished");
    const password = created.value.generatedPassword;
    return reply
      .status(201)
      .send({ account: describeAccount(account), ...(password === undefined ? {} : { password }) });
  });

  registerRoute(app, accounts.changeAccount, async ({ params, body }) => {
    const changed = await changeAccount(store, params.accountId, body, new Date(options.clock()));
    if (!changed.ok) throw refusal(changed.error);
    credentials.evictAll(changed.value.endedCredentials);
    return { account: describeAccount(changed.value.account) };
  });

  registerRoute(app, accounts.resetPassword, async ({ params, body }) => {
    const reset = await resetPassword(store, params.accountId, body.password);
    if (!reset.ok) throw refusal(reset.error);
    credentials.evictAll(reset.value.endedCredentials);
    const password = reset.value.generatedPassword;
    return password === undefined ? {} : { password };
  });

  registerRoute(app, accounts.listAccountTokens, async ({ params }) => {
    if ((await store.users.findAccount(params.accountId)) === undefined) throw notFound("account");
    const now = options.clock();
    return { tokens: (await store.users.listApiTokens(params.accountId)).map((t) => describeToken(t, now)) };
  });
}
