-- Files uploaded beside an XLSForm (choices of select_*_from_file, pulldata() CSVs), content-addressed
-- by SHA-256 like attachments: a form version's definition names them (mediaFiles), so its content
-- hash covers them, and ODK Collect downloads them through the form's manifest (md5 kept for it).
-- Small (a few MiB at most), so stored whole.
CREATE TABLE "form_files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"md5" text NOT NULL,
	"content_type" text NOT NULL,
	"size" bigint NOT NULL,
	"data" bytea NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
