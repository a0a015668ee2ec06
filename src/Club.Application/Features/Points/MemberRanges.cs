using Club.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points;

/// <summary>
/// Runs a daily job's set-based statements over members in id ranges of about
/// <see cref="PointsSettings.JobBatchSize"/> rows, each range in its own transaction, up to
/// <see cref="PointsSettings.JobParallelism"/> ranges at once on their own connections. Why not one
/// statement: a million-row transaction holds a million balance locks until it ends (members' own
/// orders and registrations wait for the whole run), and a run killed at the end loses all of it. The
/// ranges are disjoint, so parallel ranges never touch the same member; the statements' unique keys,
/// not the ranges, make a re-run or a second run at once pay nothing twice.
/// </summary>
internal static class MemberRanges
{
    /// <summary>Sorts below the first and after the last member id: the open ends of the first and last range.</summary>
    private static readonly Guid Lowest = Guid.Empty;

    private static readonly Guid Highest = Guid.AllBitsSet;

    /// <summary>
    /// <paramref name="boundaries"/> returns member ids ("Value"), ascending, where a new range starts;
    /// <paramref name="range"/> does one range's work for members with <c>from &lt;= id &lt; to</c>
    /// inside its transaction and returns what it counts. Returns the sum.
    /// </summary>
    public static async Task<int> RunAsync(
        IClubDbFactory dbFactory, PointsSettings settings, FormattableString boundaries,
        Func<IClubDb, Guid, Guid, CancellationToken, Task<int>> range, CancellationToken cancellationToken)
    {
        List<Guid> starts;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            await using var transaction = await BeginAsync(db, cancellationToken);
            starts = await db.Database.SqlQuery<Guid>(boundaries).ToListAsync(cancellationToken);
        }

        var bounds = starts.Distinct().Prepend(Lowest).Append(Highest).ToArray();
        var total = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, bounds.Length - 1),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.JobParallelism), CancellationToken = cancellationToken },
            async (index, token) =>
            {
                await using var db = await dbFactory.CreateAsync(token);
                await using var transaction = await BeginAsync(db, token);
                var done = await range(db, bounds[index], bounds[index + 1], token);
                await transaction.CommitAsync(token);
                Interlocked.Add(ref total, done);
            });
        return total;
    }

    private static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAsync(IClubDb db, CancellationToken cancellationToken)
    {
        // A range is tens of thousands of rows: longer than the default 30 s a page query gets on a busy
        // server, and sorts that would spill to disk with the default 4 MB. JIT would compile every range's
        // statement anew (tens of milliseconds each) for statements that run a second.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off", cancellationToken);
        return transaction;
    }
}
