CREATE TABLE "results_sets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"election_id" uuid NOT NULL,
	"contest_id" uuid,
	"name" text NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"preset" text,
	"mapping" jsonb NOT NULL,
	"station_count" integer NOT NULL,
	"leader" text NOT NULL,
	"area_levels" jsonb NOT NULL,
	"arithmetic_flags" integer NOT NULL,
	"data_format" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"report" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "results_sets" ADD CONSTRAINT "results_sets_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results_sets" ADD CONSTRAINT "results_sets_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results_sets" ADD CONSTRAINT "results_sets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "results_sets_election" ON "results_sets" USING btree ("election_id");