ALTER TABLE "contests" ADD COLUMN "ballot" text DEFAULT 'candidates' NOT NULL;
