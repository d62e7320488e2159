ALTER TABLE "shares" ADD COLUMN "title" text;--> statement-breakpoint
-- Links made before this migration show the title their conversation has now (the best there is).
UPDATE "shares" SET "title" = (SELECT "title" FROM "conversations" WHERE "conversations"."id" = "shares"."conversation_id");
