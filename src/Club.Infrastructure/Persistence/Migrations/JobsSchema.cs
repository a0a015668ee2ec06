namespace Club.Infrastructure.Persistence.Migrations;

/// <summary>
/// HAND-WRITTEN SQL, kept out of the generated migration so a regenerated migration only needs the calls
/// <c>migrationBuilder.Sql(JobsSchema.Create)</c> / <c>Drop</c>. The BirthdayRewards job finds the members
/// born on a day (month * 100 + day) from this index, in id order, instead of reading every member; the
/// expression must stay the one <c>PayBirthdayRewardsHandler</c> writes, or the planner cannot use it.
/// </summary>
internal static class JobsSchema
{
    public const string Create = """
        CREATE INDEX IF NOT EXISTS ix_members_birthday_month_day
            ON members (((extract(month FROM birthday) * 100 + extract(day FROM birthday))::int), id)
            WHERE birthday IS NOT NULL;
        """;

    public const string Drop = "DROP INDEX IF EXISTS ix_members_birthday_month_day;";
}
