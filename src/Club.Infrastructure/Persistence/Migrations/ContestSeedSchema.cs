namespace Club.Infrastructure.Persistence.Migrations;

/// <summary>
/// HAND-WRITTEN SQL, kept out of the generated migration so a regenerated migration only needs the calls
/// <c>migrationBuilder.Sql(ContestSeedSchema.Create)</c> at the end of Up and <c>ContestSeedSchema.Drop</c>
/// at the start of Down. A drawn contest's seed and its published hash never change once stored (the
/// commit of the commit-and-reveal draw, docs/decisions.md): the trigger refuses any update of either.
/// </summary>
internal static class ContestSeedSchema
{
    public const string Create = """
        CREATE FUNCTION contests_seed_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.seed IS DISTINCT FROM OLD.seed OR NEW.seed_hash IS DISTINCT FROM OLD.seed_hash THEN
                RAISE EXCEPTION 'contest %: a draw''s seed and its published hash never change', OLD.id;
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER contests_seed_fixed BEFORE UPDATE OF seed, seed_hash ON contests
            FOR EACH ROW EXECUTE FUNCTION contests_seed_fixed();
        """;

    public const string Drop = """
        DROP TRIGGER IF EXISTS contests_seed_fixed ON contests;
        DROP FUNCTION IF EXISTS contests_seed_fixed();
        """;
}
