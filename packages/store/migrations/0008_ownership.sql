CREATE TABLE "election_administrators" (
	"election_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"granted_by" uuid,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "election_administrators_election_id_user_id_pk" PRIMARY KEY("election_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "election_administrators" ADD CONSTRAINT "election_administrators_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "election_administrators" ADD CONSTRAINT "election_administrators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "election_administrators" ADD CONSTRAINT "election_administrators_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "results_sets" ADD COLUMN "mission_id" uuid;
--> statement-breakpoint
ALTER TABLE "results_sets" ADD CONSTRAINT "results_sets_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
UPDATE "results_sets" r SET "mission_id" = u."mission_id" FROM "users" u WHERE u."id" = r."created_by";
--> statement-breakpoint
ALTER TABLE "analysis_indicator_matches" ADD COLUMN "mission_id" uuid;
--> statement-breakpoint
ALTER TABLE "analysis_indicator_matches" ADD CONSTRAINT "analysis_indicator_matches_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE cascade ON UPDATE no action;
