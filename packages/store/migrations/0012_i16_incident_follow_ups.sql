-- Incident follow-up: each change of an incident's status, severity or assignee is a new row with
-- its note, author and time. A trigger refuses UPDATE so that the history stays as it was written;
-- rows go only with their submission (ON DELETE CASCADE).
CREATE TABLE "incident_follow_ups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"submission_id" uuid NOT NULL REFERENCES "submissions"("id") ON DELETE CASCADE,
	"status" text NOT NULL CHECK ("status" IN ('new', 'in_follow_up', 'resolved')),
	"severity" text NOT NULL CHECK ("severity" IN ('critical', 'high', 'normal', 'low')),
	"assignee_user_id" uuid REFERENCES "users"("id"),
	"note" text NOT NULL,
	"author_user_id" uuid REFERENCES "users"("id"),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "incident_follow_ups_submission" ON "incident_follow_ups" USING btree ("submission_id", "created_at");
--> statement-breakpoint
CREATE FUNCTION "incident_follow_ups_are_kept"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'incident follow-ups are kept as written (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = '55000';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "incident_follow_ups_kept" BEFORE UPDATE ON "incident_follow_ups"
	FOR EACH ROW EXECUTE FUNCTION "incident_follow_ups_are_kept"();
