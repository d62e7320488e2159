-- Full-text search (hand-written; drizzle-kit does not model FTS5). This file is the source of the
-- custom migration `drizzle/NNNN_search_fts.sql`: if that migration has to be regenerated
-- (`npx drizzle-kit generate --custom --name=search_fts`), paste this file into it unchanged.
--
-- messages_fts: external-content FTS5 over messages.content (the plain-text projection), keyed by
-- messages.pk. The trigram tokenizer indexes every 3-character window, so CJK text (no spaces
-- between words) is searchable by any substring of 3+ characters, and LIKE '%…%' queries use it.
CREATE VIRTUAL TABLE `messages_fts` USING fts5(`content`, content='messages', content_rowid='pk', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `messages_fts_after_insert` AFTER INSERT ON `messages` BEGIN
  INSERT INTO `messages_fts`(rowid, `content`) VALUES (new.`pk`, new.`content`);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_after_delete` AFTER DELETE ON `messages` BEGIN
  INSERT INTO `messages_fts`(`messages_fts`, rowid, `content`) VALUES ('delete', old.`pk`, old.`content`);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_after_update` AFTER UPDATE OF `content` ON `messages`
WHEN old.`content` IS NOT new.`content` BEGIN
  INSERT INTO `messages_fts`(`messages_fts`, rowid, `content`) VALUES ('delete', old.`pk`, old.`content`);
  INSERT INTO `messages_fts`(rowid, `content`) VALUES (new.`pk`, new.`content`);
END;
--> statement-breakpoint
INSERT INTO `messages_fts`(`messages_fts`) VALUES ('rebuild');
--> statement-breakpoint
-- conversation_titles_fts: titles, with the conversation id beside them (conversations has no
-- integer key to use as an external-content rowid).
CREATE VIRTUAL TABLE `conversation_titles_fts` USING fts5(`title`, `conversation_id` UNINDEXED, tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `conversation_titles_fts_after_insert` AFTER INSERT ON `conversations` BEGIN
  INSERT INTO `conversation_titles_fts`(`title`, `conversation_id`) VALUES (new.`title`, new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `conversation_titles_fts_after_delete` AFTER DELETE ON `conversations` BEGIN
  DELETE FROM `conversation_titles_fts` WHERE `conversation_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `conversation_titles_fts_after_update` AFTER UPDATE OF `title` ON `conversations`
WHEN old.`title` IS NOT new.`title` BEGIN
  DELETE FROM `conversation_titles_fts` WHERE `conversation_id` = old.`id`;
  INSERT INTO `conversation_titles_fts`(`title`, `conversation_id`) VALUES (new.`title`, new.`id`);
END;
--> statement-breakpoint
INSERT INTO `conversation_titles_fts`(`title`, `conversation_id`) SELECT `title`, `id` FROM `conversations`;
