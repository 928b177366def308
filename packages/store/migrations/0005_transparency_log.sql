-- The transparency log: an append-only RFC 6962 Merkle tree. log_head holds the size and the
-- right edge of the tree (the complete subtrees' roots, back to back) so an append reads one row;
-- log_tile_nodes keeps the hashes of tree levels 8, 16, ... that tlog-tiles serves above level 0.
CREATE TABLE "log_head" (
	"id" smallint PRIMARY KEY NOT NULL CHECK ("id" = 1),
	"size" bigint NOT NULL,
	"frontier" bytea NOT NULL
);
--> statement-breakpoint
INSERT INTO "log_head" ("id", "size", "frontier") VALUES (1, 0, ''::bytea);
--> statement-breakpoint
CREATE TABLE "log_entries" (
	"index" bigint PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"leaf_hash" bytea NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "log_entries_subject" ON "log_entries" USING btree ("kind", "subject");
--> statement-breakpoint
CREATE TABLE "log_tile_nodes" (
	"level" smallint NOT NULL,
	"index" bigint NOT NULL,
	"hash" bytea NOT NULL,
	CONSTRAINT "log_tile_nodes_pk" PRIMARY KEY ("level", "index")
);
--> statement-breakpoint
CREATE TABLE "log_cosignatures" (
	"witness_key" text PRIMARY KEY NOT NULL,
	"witness_name" text NOT NULL,
	"size" bigint NOT NULL,
	"root_hash" bytea NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"signature_line" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
