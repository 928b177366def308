-- Times for the sweep of attachments no report refers to (scrutiny attachments sweep): when an
-- upload's chunks were written (an upload that never finished leaves chunks without an
-- attachment), and when an attachment was last uploaded (a phone sending the same photo again
-- before its report keeps it from being swept). Nullable: a backup written before these columns
-- is restored without them (the sweep then reads the attachment's created_at, and a chunk as old).
ALTER TABLE "attachment_chunks" ADD COLUMN "created_at" timestamp with time zone DEFAULT now();
--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "last_uploaded_at" timestamp with time zone DEFAULT now();
