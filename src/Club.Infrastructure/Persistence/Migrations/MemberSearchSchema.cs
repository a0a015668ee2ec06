namespace Club.Infrastructure.Persistence.Migrations;

/// <summary>
/// HAND-WRITTEN SQL, called from the migration that adds it: the member desk's typo-tolerant name search.
/// <c>member_search_key</c> is the one normal form of a name (lower case, ё as е) that the index holds
/// and the search compares; the trigram index answers pg_trgm's word-similarity operator (&lt;%). Lower
/// case and trigrams of Cyrillic letters need a UTF-8 character type (C.UTF-8): see docs/operations.md
/// for databases created without one.
/// </summary>
internal static class MemberSearchSchema
{
    public const string Create = """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE OR REPLACE FUNCTION member_search_key(name text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            AS $$ SELECT translate(lower(name), 'ё', 'е') $$;
        CREATE INDEX IF NOT EXISTS ix_members_search_name ON members USING gin (member_search_key(full_name) gin_trgm_ops);
        """;

    public const string Drop = """
        DROP INDEX IF EXISTS ix_members_search_name;
        DROP FUNCTION IF EXISTS member_search_key(text);
        """;
}
