-- Publications: a mission's frozen snapshot (a Frictionless Data Package) and its files. Both
-- tables are append-only: a trigger refuses UPDATE and DELETE, so a snapshot cannot be changed
-- through Scrutiny or by a stray statement; `scrutiny verify` checks the files' hashes against the
-- transparency log for whoever bypasses the trigger.
CREATE TABLE "publications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"mission_id" uuid NOT NULL REFERENCES "missions"("id"),
	"election_id" uuid NOT NULL REFERENCES "elections"("id"),
	"title" text NOT NULL,
	"plan_version" integer,
	"content_hash" text NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "publications_mission" ON "publications" USING btree ("mission_id", "published_at");
--> statement-breakpoint
CREATE INDEX "publications_election" ON "publications" USING btree ("election_id");
--> statement-breakpoint
CREATE TABLE "publication_files" (
	"publication_id" uuid NOT NULL REFERENCES "publications"("id"),
	"name" text NOT NULL,
	"media_type" text NOT NULL,
	"sha256" text NOT NULL,
	"bytes" bytea NOT NULL,
	CONSTRAINT "publication_files_pk" PRIMARY KEY ("publication_id", "name")
);
--> statement-breakpoint
CREATE FUNCTION "publications_are_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'publications are immutable (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = '55000';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "publications_immutable" BEFORE UPDATE OR DELETE ON "publications"
	FOR EACH ROW EXECUTE FUNCTION "publications_are_immutable"();
--> statement-breakpoint
CREATE TRIGGER "publication_files_immutable" BEFORE UPDATE OR DELETE ON "publication_files"
	FOR EACH ROW EXECUTE FUNCTION "publications_are_immutable"();
