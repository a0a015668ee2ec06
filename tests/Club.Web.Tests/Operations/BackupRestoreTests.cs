using System.Diagnostics;
using System.Net;
using Club.Application.Features.Registration;
using Club.Infrastructure.Postgres;
using Club.Testing;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Club.Web.Tests.Operations;

/// <summary>
/// The backup of docs/operations.md ("Backups"): pg_dump of the database (data-protection keys and sealed
/// print files included) plus the tag keys, restored with pg_restore into a fresh database and a fresh
/// private folder, with the binaries of the PostgreSQL the tests run on.
/// </summary>
public sealed class BackupRestoreTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task A_restored_backup_starts_verifies_a_registered_tag_keeps_sessions_and_registers_the_next_tag()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(site.Services, 2);
        var owner = await TestTags.CreateBuyerAsync(site.Services);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterItemCommand(owner.Id, tags[0].Serial, tags[0].ScratchCode));
        }

        var jar = new CookieContainer();
        await site.CreateDefaultClient(new CookieContainerHandler(jar)).SignInAsync(owner.Email, "buyer-pass-1");

        var source = new NpgsqlConnectionStringBuilder(site.Services.GetRequiredService<IConfiguration>().GetConnectionString("Club"));
        var restoredName = "restored_" + Guid.NewGuid().ToString("N");
        var dump = Path.Combine(Path.GetTempPath(), $"club-backup-{Guid.NewGuid():N}.dump");
        try
        {
            await RunAsync("pg_dump", source, ["--format=custom", $"--file={dump}", $"--dbname={source.Database}"]);
            var restoredConnection = await TestPostgres.CreateDatabaseAsync(restoredName);
            await RunAsync("pg_restore", source, ["--no-owner", "--exit-on-error", $"--dbname={restoredName}", dump]);

            var restored = new RestoredSite(restoredConnection);
            try
            {
                var visitor = restored.CreateBrowserlessClient();
                var returning = restored.CreateDefaultClient(new CookieContainerHandler(jar));

                (await visitor.GetStringAsync($"/T/{tags[0].Serial}")).Should().Contain("Подлинное, но уже зарегистрировано");
                var items = await returning.GetAsync("/cabinet/items");
                items.StatusCode.Should().Be(HttpStatusCode.OK, "the sign-in cookie is read with the data-protection keys from the dump");
                (await items.Content.ReadAsStringAsync()).Should().Contain(tags[0].Serial);
                var registered = await HtmlForms.SubmitAsync(returning, $"/T/{tags[1].Serial}", new Dictionary<string, string> { ["code"] = tags[1].ScratchCode });
                (await registered.Content.ReadAsStringAsync()).Should().Contain("Изделие зарегистрировано на вас", "the tag keys check the next code");
            }
            finally
            {
                // Its own private folder goes too (the database is dropped below).
                await ((IAsyncLifetime)restored).DisposeAsync();
            }
        }
        finally
        {
            File.Delete(dump);
            await TestPostgres.DropDatabaseAsync(restoredName);
        }
    }

    private static async Task RunAsync(string program, NpgsqlConnectionStringBuilder server, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(PostgresBinaries.Locate(null).Directory, program))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[] { $"--host={server.Host}", $"--port={server.Port}", $"--username={server.Username}" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSWORD"] = server.Password;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, await error);
    }

    /// <summary>The site on the restored database, with the same tag keys and a private folder of its own.</summary>
    private sealed class RestoredSite(string connectionString) : ClubWebFactory
    {
        protected override string SiteConnectionString(string databaseConnectionString) => connectionString;
    }
}
