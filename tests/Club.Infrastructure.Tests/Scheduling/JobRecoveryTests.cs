using Club.Application.Abstractions;
using Club.Application.Features.Scheduling;
using Club.Domain.Scheduling;
using Club.Infrastructure.Postgres;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Club.Infrastructure.Tests.Scheduling;

/// <summary>A node killed (SIGKILL, a real child process) in the middle of a job run, and the node that survives it.</summary>
public class JobRecoveryTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_run_killed_with_its_node_is_finished_once_by_the_survivor_and_shown_as_failed()
    {
        // The sales table held by the test keeps the SaleExpiry run in the middle of its UPDATE until the kill.
        await using var holder = new NpgsqlConnection(db.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockSales = new NpgsqlCommand("LOCK TABLE sales IN ACCESS EXCLUSIVE MODE", holder, hold))
        {
            await lockSales.ExecuteNonQueryAsync();
        }

        await using var doomed = SiteProcess.Start(db.ConnectionString, new Dictionary<string, string> { ["Club:Jobs:Enabled"] = "true" });
        await using var survivor = TestServices.Build(db.ConnectionString);
        await survivor.GetRequiredService<ClubDatabase>().StartAsync();
        // "Run now" into the shared schedule while only the doomed node's scheduler runs: it takes the firing.
        (await survivor.GetRequiredService<IJobScheduler>().RunNowAsync("SaleExpiry")).Should().BeTrue();
        var started = await WaitForAsync(runs => runs.FirstOrDefault(r => r.FinishedAt == null), TimeSpan.FromSeconds(120));
        started.Should().NotBeNull(string.Join('\n', doomed.Output));

        doomed.Kill();
        var scheduler = await survivor.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Start();
        await hold.RollbackAsync();
        var runs = await WaitForAsync(
            found => found.Count(r => r.FinishedAt != null) == 2 ? found : null, TimeSpan.FromSeconds(120));
        await scheduler.Shutdown(waitForJobsToComplete: true);

        runs.Should().NotBeNull("the survivor recovers the killed run within a minute or two");
        var killed = runs!.Single(r => r.Id == started!.Id);
        killed.Error.Should().Be(CloseRunsOfStoppedNodesHandler.StoppedNodeError);
        var recovered = runs!.Single(r => r.Id != started!.Id);
        (recovered.Node, recovered.Error, recovered.Manual).Should().Be((scheduler.SchedulerInstanceId, null, true));
        recovered.Affected.Should().NotBeNull();
    }

    /// <summary>Polls the manual SaleExpiry runs until <paramref name="pick"/> finds what it waits for.</summary>
    private async Task<T?> WaitForAsync<T>(Func<List<JobRun>, T?> pick, TimeSpan timeout)
        where T : class
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
            var runs = await context.JobRuns.AsNoTracking().Where(r => r.JobName == "SaleExpiry" && r.Manual).OrderBy(r => r.Id).ToListAsync();
            if (pick(runs) is { } found || DateTime.UtcNow > until)
            {
                return pick(runs);
            }

            await Task.Delay(250);
        }
    }
}
