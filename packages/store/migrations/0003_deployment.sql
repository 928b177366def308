CREATE TABLE "area_geometries" (
	"area_id" uuid PRIMARY KEY NOT NULL,
	"geometry" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployment_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"mission_id" uuid NOT NULL,
	"design" text NOT NULL,
	"seed" bigint,
	"strata_by" jsonb NOT NULL,
	"allocation" text,
	"sample_size" integer NOT NULL,
	"reserve_per_stratum" integer DEFAULT 0 NOT NULL,
	"frame_size" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"election_id" uuid NOT NULL,
	"mission_id" uuid,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"stage" text NOT NULL,
	"file_name" text,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"summary" jsonb,
	"issues" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"election_id" uuid NOT NULL,
	"mission_id" uuid,
	"scope_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "observer_access" (
	"observer_id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"issued_by" uuid,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "observer_areas" (
	"observer_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	CONSTRAINT "observer_areas_observer_id_area_id_pk" PRIMARY KEY("observer_id","area_id")
);
--> statement-breakpoint
CREATE TABLE "plan_stations" (
	"plan_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"stratum" text,
	"draw_order" integer NOT NULL,
	"reserve" boolean NOT NULL,
	"inclusion_probability" double precision,
	CONSTRAINT "plan_stations_plan_id_station_id_pk" PRIMARY KEY("plan_id","station_id")
);
--> statement-breakpoint
CREATE TABLE "plan_strata" (
	"plan_id" uuid NOT NULL,
	"stratum" text NOT NULL,
	"population_size" integer NOT NULL,
	"sample_size" integer NOT NULL,
	"reserve_size" integer NOT NULL,
	CONSTRAINT "plan_strata_plan_id_stratum_pk" PRIMARY KEY("plan_id","stratum")
);
--> statement-breakpoint
ALTER TABLE "area_geometries" ADD CONSTRAINT "area_geometries_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_plans" ADD CONSTRAINT "deployment_plans_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_plans" ADD CONSTRAINT "deployment_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observer_access" ADD CONSTRAINT "observer_access_observer_id_observers_id_fk" FOREIGN KEY ("observer_id") REFERENCES "public"."observers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observer_access" ADD CONSTRAINT "observer_access_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observer_access" ADD CONSTRAINT "observer_access_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observer_areas" ADD CONSTRAINT "observer_areas_observer_id_observers_id_fk" FOREIGN KEY ("observer_id") REFERENCES "public"."observers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observer_areas" ADD CONSTRAINT "observer_areas_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_stations" ADD CONSTRAINT "plan_stations_plan_id_deployment_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."deployment_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_stations" ADD CONSTRAINT "plan_stations_station_id_polling_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."polling_stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_strata" ADD CONSTRAINT "plan_strata_plan_id_deployment_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."deployment_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deployment_plans_mission" ON "deployment_plans" USING btree ("mission_id","created_at");--> statement-breakpoint
CREATE INDEX "import_jobs_election" ON "import_jobs" USING btree ("election_id");--> statement-breakpoint
CREATE UNIQUE INDEX "import_mappings_scope_kind_name" ON "import_mappings" USING btree ("scope_id","kind","name");--> statement-breakpoint
CREATE INDEX "observer_areas_area" ON "observer_areas" USING btree ("area_id");