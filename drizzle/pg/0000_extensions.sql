-- Hand-written (drizzle-kit does not model extensions). pg_trgm: the trigram operator classes of the
-- search indexes (messages.content, conversations.title). It is a trusted extension (PostgreSQL 13+):
-- the database's owner may create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
