import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from "@scrutiny/domain";
import type { Store } from "@scrutiny/store";
import { generateSignerKey, type SignerKey } from "@scrutiny/tlog";
import Fastify, { type FastifyInstance } from "fastify";
import { installAuthentication } from "./auth/authenticate.ts";
import { CredentialCache } from "./auth/credential-cache.ts";
import type { FirstAdminSetup } from "./auth/first-admin-setup.ts";
import { SignInGuard } from "./auth/sign-in-guard.ts";
import {
  FingerprintJobs,
  type ReplicateCounts,
  replicateCountsFromEnvironment,
} from "./forensics/fingerprint-job.ts";
import { ForensicsRunner } from "./forensics/runner.ts";
import { accessFacts } from "./http/access-facts.ts";
import { installErrorHandling } from "./http/errors.ts";
import { jsonLogger } from "./http/request-log.ts";
import { requireDeclaredRoutes, sharedSchemas } from "./http/route.ts";
import { installSecurityHeaders } from "./http/security-headers.ts";
import { SubmissionIngestion } from "./ingestion/ingest.ts";
import { accountRoutes } from "./routes/accounts.ts";
import { administratorRoutes } from "./routes/administrators.ts";
import { analysisRoutes } from "./routes/analysis.ts";
import { attachmentRoutes } from "./routes/attachments.ts";
import { authRoutes } from "./routes/auth.ts";
import { coverageRoutes } from "./routes/coverage.ts";
import { deploymentRoutes } from "./routes/deployment.ts";
import { directoryRoutes } from "./routes/directory.ts";
import { electionSetupRoutes } from "./routes/election-setup.ts";
import { electionRoutes } from "./routes/elections.ts";
import { exportRoutes } from "./routes/exports.ts";
import { forensicsRoutes } from "./routes/forensics.ts";
import { formRoutes } from "./routes/forms.ts";
import { healthRoutes } from "./routes/health.ts";
import { importRoutes } from "./routes/imports.ts";
import { incidentRoutes } from "./routes/incidents.ts";
import { liveRoutes } from "./routes/live.ts";
import { observerRoutes } from "./routes/observer.ts";
import { odkRoutes } from "./routes/odk.ts";
import { publicationRoutes } from "./routes/publications.ts";
import { stationRoutes } from "./routes/stations.ts";
import { submissionRoutes } from "./routes/submissions.ts";
import { transparencyLogRoutes } from "./routes/transparency-log.ts";
import { registerWebApp } from "./serving/web-app.ts";
import { TransparencyLogService } from "./transparency/log-service.ts";

export interface ServerOptions {
  readonly store: Store;
  /** Folder of the built web app (apps/web/dist); the API runs without it. */
  readonly webRoot?: string | undefined;
  /** Structured JSON logs (pino) at this level; absent or false: none (tests). */
  readonly logger?: false | { readonly level: string };
  /** Always mark the session cookie Secure (it is anyway on requests that came over HTTPS). */
  readonly secureCookies?: boolean;
  /**
   * Believe X-Forwarded-For/-Proto/-Host from a reverse proxy: `true` (whoever connects), or the
   * proxies' addresses and networks ("127.0.0.1,10.0.0.0/8"). Default: no proxy.
   */
  readonly trustProxy?: boolean | string;
  /** The one-time setup link's token while the server has no administrator (`serve` prints it). */
  readonly firstAdminSetup?: FirstAdminSetup;
  /** The time (ms since the epoch) for sessions, tokens and sign-in lock-outs; tests move it. */
  readonly clock?: () => number;
  /** Largest accepted request body in bytes. */
  readonly bodyLimit?: number;
  /** Signs the transparency log's checkpoints; without one a throwaway key is made (tests). */
  readonly logSigner?: SignerKey;
  /** Decompressed size and row caps of uploaded CSV, zip and xlsx files. */
  readonly uploadLimits?: UploadLimits;
  /** Fingerprint replicates computed after a results upload (default 200 bootstrap + 99 test). */
  readonly fingerprintReplicates?: ReplicateCounts;
  /** Socket and request timeouts (docs/OPERATIONS.md); defaults in `DEFAULT_TIMEOUTS`. */
  readonly timeouts?: Partial<Record<keyof typeof DEFAULT_TIMEOUTS, number>>;
  /**
   * Check every JSON answer against its route's declared response schema (a mismatch is a 500
   * naming the route and the field). Default: on when SCRUTINY_CHECK_RESPONSES=1 (tests,
   * development); off in production, where answers are only serialized.
   */
  readonly checkResponses?: boolean;
}

/**
 * A socket idle for 2 minutes is closed; a whole request (headers and body) must arrive within
 * 5 minutes (a 128 MB upload at 4 Mbit/s takes about 4.5), its headers within 1; an idle
 * keep-alive connection is kept 72 s (longer than the usual load balancers' 60 s).
 */
export const DEFAULT_TIMEOUTS = {
  connectionTimeout: 120_000,
  requestTimeout: 300_000,
  headersTimeout: 60_000,
  keepAliveTimeout: 72_000,
} as const;

/** Builds the HTTP application: API under /api/v1, OpenAPI under /api/docs, the web app at /. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const clock = options.clock ?? Date.now;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const app = Fastify({
    connectionTimeout: timeouts.connectionTimeout,
    requestTimeout: timeouts.requestTimeout,
    keepAliveTimeout: timeouts.keepAliveTimeout,
    http: { headersTimeout: timeouts.headersTimeout },
    ...(options.logger ? jsonLogger(options.logger.level) : { logger: false }),
    trustProxy: options.trustProxy ?? false,
    // Every request gets an id, in its log lines and in the X-Request-Id answer header; a proxy's
    // own id is kept when it looks like one.
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: options.bodyLimit ?? 1_048_576,
    // Client ids in URLs are UUIDs; keep routing strict and fast.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const serveWebApp = options.webRoot !== undefined && existsSync(join(options.webRoot, "index.html"));
  installErrorHandling(app, { serveAppShell: serveWebApp });
  // A callback hook, not an async one: no promise per request.
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("x-request-id", request.id);
    done();
  });
  requireDeclaredRoutes(app);
  app.decorate("accessFacts", accessFacts(options.store));
  app.decorate("checkResponses", options.checkResponses ?? process.env["SCRUTINY_CHECK_RESPONSES"] === "1");
  await app.register(fastifyCookie);
  installSecurityHeaders(app);
  // JSON and text responses over 1 KiB; the web app's files are compressed at build time.
  await app.register(fastifyCompress, { encodings: ["br", "gzip"], threshold: 1024 });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Scrutiny API",
        version: "1",
        description: "Evidence-based election observation: every number with its denominator and its trail.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "scrutiny_session" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
    },
    // Definitions the route schemas share (recursive ones: a form's items) live in components.
    transformObject: (documentObject) => {
      const document = (documentObject as { openapiObject: Record<string, unknown> }).openapiObject;
      const components = (document["components"] ?? {}) as Record<string, unknown>;
      document["components"] = {
        ...components,
        schemas: { ...(components["schemas"] as object | undefined), ...sharedSchemas },
      };
      return document;
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });
  const credentials = new CredentialCache({
    ttlMs: 30_000,
    maxEntries: 100_000,
    clock,
    expiresAt: (credential) => credential.expiresAt ?? Number.POSITIVE_INFINITY,
  });
  installAuthentication(app, options.store, credentials, clock);

  healthRoutes(app, options.store);
  const signInGuard = new SignInGuard(options.store, clock);
  authRoutes(app, options.store, credentials, {
    secureCookies: options.secureCookies ?? false,
    clock,
    signInGuard,
  });
  accountRoutes(app, options.store, credentials, { clock, firstAdminSetup: options.firstAdminSetup });
  electionRoutes(app, options.store);
  administratorRoutes(app, options.store);
  electionSetupRoutes(app, options.store);
  formRoutes(app, options.store);
  directoryRoutes(app, options.store);
  const uploadLimits = options.uploadLimits ?? DEFAULT_UPLOAD_LIMITS;
  // One worker thread for the heavy file work (station and roster tables, forensics).
  const fileWorker = new ForensicsRunner();
  importRoutes(app, options.store, uploadLimits, fileWorker);
  deploymentRoutes(app, options.store, credentials);
  coverageRoutes(app, options.store);
  analysisRoutes(app, options.store);
  // The fingerprint's background refits (minutes of CPU) get a worker thread of their own, so
  // imports and uploads never queue behind them.
  const refitWorker = new ForensicsRunner();
  const fingerprintJobs = new FingerprintJobs(
    options.store,
    refitWorker,
    options.fingerprintReplicates ?? replicateCountsFromEnvironment(process.env),
  );
  forensicsRoutes(app, options.store, uploadLimits, fileWorker, fingerprintJobs);
  observerRoutes(app, options.store);
  transparencyLogRoutes(
    app,
    new TransparencyLogService(options.store, options.logSigner ?? generateSignerKey("scrutiny.invalid/log")),
  );
  const ingestion = new SubmissionIngestion(options.store);
  submissionRoutes(app, options.store, ingestion);
  attachmentRoutes(app, options.store, ingestion);
  odkRoutes(app, options.store, ingestion, signInGuard);
  liveRoutes(app, options.store, ingestion);
  incidentRoutes(app, options.store, ingestion);
  stationRoutes(app, options.store);
  exportRoutes(app, options.store);
  publicationRoutes(app, options.store, fileWorker);
  // Reports already accepted into a commit finish before the server stops.
  app.addHook("onClose", async () => {
    await ingestion.drain();
  }); // Last: imports still reading their file (their hooks above wait for them) need the worker.
  app.addHook("onClose", async () => {
    // Background fingerprint replicates stop at their next chunk.
    await fingerprintJobs.close();
    await refitWorker.close();
    await fileWorker.close();
  });

  if (serveWebApp && options.webRoot) {
    await registerWebApp(app, options.webRoot);
  }
  return app;
}
