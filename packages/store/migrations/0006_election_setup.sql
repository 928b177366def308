ALTER TABLE "elections" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;
--> statement-breakpoint
ALTER TABLE "elections" ADD COLUMN "languages" jsonb DEFAULT '["en"]'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "missions" ADD COLUMN "languages" jsonb DEFAULT '["en"]'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "deployment_plans" ADD COLUMN "version" integer;
--> statement-breakpoint
ALTER TABLE "deployment_plans" ADD COLUMN "status" text DEFAULT 'current' NOT NULL;
--> statement-breakpoint
ALTER TABLE "deployment_plans" ADD COLUMN "source" text DEFAULT 'drawn' NOT NULL;
--> statement-breakpoint
ALTER TABLE "deployment_plans" ADD COLUMN "confirmed_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "deployment_plans" ADD COLUMN "confirmed_by" uuid;
--> statement-breakpoint
ALTER TABLE "deployment_plans" ADD CONSTRAINT "deployment_plans_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
UPDATE "deployment_plans" p SET "version" = v.n, "status" = CASE WHEN v.n = v.last THEN 'current' ELSE 'superseded' END, "confirmed_at" = p."created_at"
FROM (SELECT "id", row_number() OVER (PARTITION BY "mission_id" ORDER BY "created_at", "id") AS n, count(*) OVER (PARTITION BY "mission_id") AS last FROM "deployment_plans") v
WHERE v."id" = p."id";
--> statement-breakpoint
ALTER TABLE "deployment_plans" ALTER COLUMN "version" SET NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX "deployment_plans_mission_version" ON "deployment_plans" USING btree ("mission_id","version");
