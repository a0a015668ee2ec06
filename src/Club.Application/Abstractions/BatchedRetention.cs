using Microsoft.EntityFrameworkCore;

namespace Club.Application.Abstractions;

/// <summary>
/// The retention jobs' loop: a set-based statement that touches at most a batch of rows is run again, each
/// time on a fresh context (its own short transaction), until a run touches fewer than a batch. A first run
/// over months of rows is then many short statements, not one long lock.
/// </summary>
public static class BatchedRetention
{
    /// <summary>
    /// Runs <paramref name="statement"/> (which must itself limit its rows to <paramref name="batchSize"/>)
    /// until it is done; returns the rows touched in all.
    /// </summary>
    public static async Task<int> RunAsync(IClubDbFactory dbFactory, int batchSize, FormattableString statement, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateAsync(ct);
            var touched = await db.Database.ExecuteSqlAsync(statement, ct);
            total += touched;
            if (touched < batchSize)
            {
                return total;
            }
        }
    }
}
