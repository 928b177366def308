import { publications as routes } from "@scrutiny/contract";
import type { Store } from "@scrutiny/store";
import type { FastifyInstance } from "fastify";
import { zipSync } from "fflate";
import { AnalysisService } from "../analysis/service.ts";
import type { ForensicsRunner } from "../forensics/runner.ts";
import { notFound, refused } from "../http/errors.ts";
import { registerRoute } from "../http/route.ts";
import { PortalService } from "../publication/portal.ts";
import { PublicationService } from "../publication/publish.ts";

/**
 * Publications: a coordinator publishes a frozen snapshot of the mission; anyone reads published
 * snapshots (figures, files, the zip) and the portal's election pages. Nothing here changes or
 * removes a publication: there is no such route.
 */
export function publicationRoutes(app: FastifyInstance, store: Store, runner: ForensicsRunner): void {
  // Published forensics run on the file worker, as the forensics pages' analyses do.
  const publisher = new PublicationService(store, new AnalysisService(store), (job) => runner.run(job));
  const portal = new PortalService(store);

  registerRoute(app, routes.publish, async ({ params, body, user, reply }) => {
    const published = await publisher.publish(params.missionId, user.id, body);
    if (!published.ok) {
      if (published.error.code === "not_found")
        throw notFound(published.error.what, published.error.name, published.error.message);
      throw refused(422, published.error);
    }
    return reply.status(201).send({ publication: published.value });
  });

  registerRoute(app, routes.previewPublication, async ({ params, body }) => {
    const preview = await publisher.preview(params.missionId, body);
    if (!preview.ok) {
      if (preview.error.code === "not_found")
        throw notFound(preview.error.what, preview.error.name, preview.error.message);
      throw refused(422, preview.error);
    }
    return preview.value;
  });

  registerRoute(app, routes.publication, async ({ params }) => {
    const snapshot = await portal.snapshot(params.publicationId);
    if (snapshot === undefined) throw notFound("publication");
    return snapshot;
  });

  registerRoute(app, routes.publicationFile, async ({ params, reply }) => {
    const file = await store.publications.file(params.publicationId, params.name);
    if (file === undefined) throw notFound("file");
    const charset =
      file.mediaType.startsWith("text/") || file.mediaType.endsWith("json") ? "; charset=utf-8" : "";
    return reply
      .header("content-type", `${file.mediaType}${charset}`)
      .header("content-disposition", `inline; filename="${params.name}"`)
      .header("cache-control", "public, max-age=31536000, immutable")
      .send(Buffer.from(file.bytes));
  });

  registerRoute(app, routes.publicationZip, async ({ params, reply }) => {
    const files = await store.publications.files(params.publicationId);
    if (files.length === 0) throw notFound("publication");
    const folder = `publication-${params.publicationId}`;
    // Fixed timestamps: the zip of a publication is the same bytes whenever it is downloaded.
    const zip = zipSync(
      Object.fromEntries(files.map((f) => [`${folder}/${f.name}`, [f.bytes, { mtime: ZIP_TIME }]])),
    );
    return reply
      .header("content-type", "application/zip")
      .header("content-disposition", `attachment; filename="${folder}.zip"`)
      .header("cache-control", "public, max-age=31536000, immutable")
      .send(Buffer.from(zip));
  });

  registerRoute(app, routes.publicElections, async () => ({ elections: await portal.elections() }));

  registerRoute(app, routes.publicElection, async ({ params }) => {
    const [election] = await portal.elections(params.electionId);
    if (election === undefined) throw notFound("election");
    return { election, comparison: await portal.comparison(election) };
  });
}

const ZIP_TIME = new Date("2000-01-01T00:00:00Z");
