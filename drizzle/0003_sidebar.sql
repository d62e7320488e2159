ALTER TABLE `conversations` ADD `title_source` text DEFAULT 'auto' NOT NULL;--> statement-breakpoint
ALTER TABLE `conversations` ADD `deleted_at` integer;--> statement-breakpoint
CREATE INDEX `conversations_owner_list_idx` ON `conversations` (`owner_id`,`archived`,`pinned`,`updated_at`,`id`) WHERE deleted_at is null;