-- Outcome Bees on PostgreSQL: the two database roles the application uses.
--
--   outcome_bees_reader  the web application (DATABASE_URL): reads everything, writes nothing
--                        (the sign-in rate limit is in Redis or process memory; /admin imports and
--                        their job rows go through the writer).
--   outcome_bees_writer  imports (IMPORT_DATABASE_URL for /admin/import, and
--                        `python -m data_access import` / `seed`): reads and writes data rows,
--                        cannot change the schema.
--   Schema changes (`python -m data_access migrate`) run as the database owner, not as either role.
--
-- Run as the database owner or a superuser, connected to the Outcome Bees database, AFTER
-- `python -m data_access migrate` (re-run it after each migration that adds a table; it is idempotent):
--
--   psql "postgresql://owner@host/outcome_bees" -v ON_ERROR_STOP=1 -f scripts/pg_roles.sql
--
-- Passwords are not set here (keep them out of files): set them once with
--   ALTER ROLE outcome_bees_reader PASSWORD '...';   ALTER ROLE outcome_bees_writer PASSWORD '...';
-- See docs/security.md.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'outcome_bees_reader') THEN
        CREATE ROLE outcome_bees_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'outcome_bees_writer') THEN
        CREATE ROLE outcome_bees_writer LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO outcome_bees_reader, outcome_bees_writer', current_database());
    EXECUTE format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM outcome_bees_reader, outcome_bees_writer', current_database());
END
$$;

-- Nobody but the owner creates objects in the schema (PostgreSQL 15 default; explicit for older servers).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO outcome_bees_reader, outcome_bees_writer;

-- Reader: SELECT only.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM outcome_bees_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO outcome_bees_reader;

-- Writer: data rows only (no TRUNCATE, no DDL, no REFERENCES/TRIGGER).
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM outcome_bees_writer;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO outcome_bees_writer;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO outcome_bees_writer;
-- The migration history is the owner's business.
REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM outcome_bees_writer;

-- Tables that later migrations add (when the same owner runs them) get the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO outcome_bees_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO outcome_bees_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO outcome_bees_writer;
