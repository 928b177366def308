-- A counter per election, bumped by every statement that adds, changes or removes its areas or
-- stations, whichever process or code path makes the change: in-process caches of an election's
-- geography compare it (one cheap read) instead of trusting a restart to refresh them.
ALTER TABLE "elections" ADD COLUMN "geography_revision" bigint DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE FUNCTION "bump_geography_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "elections" SET "geography_revision" = "geography_revision" + 1
  WHERE "id" IN (SELECT DISTINCT "election_id" FROM "changed_rows");
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "areas_inserted" AFTER INSERT ON "areas" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_geography_revision"();
--> statement-breakpoint
CREATE TRIGGER "areas_updated" AFTER UPDATE ON "areas" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_geography_revision"();
--> statement-breakpoint
CREATE TRIGGER "areas_deleted" AFTER DELETE ON "areas" REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_geography_revision"();
--> statement-breakpoint
CREATE TRIGGER "stations_inserted" AFTER INSERT ON "polling_stations" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_geography_revision"();
--> statement-breakpoint
CREATE TRIGGER "stations_updated" AFTER UPDATE ON "polling_stations" REFERENCING NEW TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_geography_revision"();
--> statement-breakpoint
CREATE TRIGGER "stations_deleted" AFTER DELETE ON "polling_stations" REFERENCING OLD TABLE AS "changed_rows" FOR EACH STATEMENT EXECUTE FUNCTION "bump_geography_revision"();
