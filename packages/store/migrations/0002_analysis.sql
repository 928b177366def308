CREATE TABLE "analysis_indicator_matches" (
	"election_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"members" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analysis_indicator_matches_election_id_code_pk" PRIMARY KEY("election_id","code")
);
--> statement-breakpoint
CREATE TABLE "analysis_indicators" (
	"mission_id" uuid NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"retired" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analysis_indicators_mission_id_code_version_pk" PRIMARY KEY("mission_id","code","version")
);
--> statement-breakpoint
ALTER TABLE "analysis_indicator_matches" ADD CONSTRAINT "analysis_indicator_matches_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analysis_indicators" ADD CONSTRAINT "analysis_indicators_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE cascade ON UPDATE no action;