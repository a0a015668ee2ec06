using Club.Infrastructure.Persistence;
using Npgsql;

namespace Club.Testing;

/// <summary>
/// A database migrated and loaded with the demo data once per test process; every test class gets a
/// copy of it (CREATE DATABASE ... TEMPLATE), which takes milliseconds instead of a migration run.
/// </summary>
public static class TemplateDatabase
{
    public const string Name = "club_template";
    private static readonly Lazy<Task<string>> Ready = new(BuildAsync);

    public static Task<string> GetAsync() => Ready.Value;

    private static async Task<string> BuildAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync(Name);
        await using (var services = TestServices.Build(connectionString, seedDemoData: true))
        {
            await services.PrepareClubDatabaseAsync();
        }

        // A template must have no open connections when it is copied.
        NpgsqlConnection.ClearAllPools();
        return Name;
    }
}
