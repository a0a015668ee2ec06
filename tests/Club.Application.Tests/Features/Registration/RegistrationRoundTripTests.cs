using Club.Application.Features.Registration;
using Club.Testing;

namespace Club.Application.Tests.Features.Registration;

/// <summary>
/// Pins how many times a registration talks to PostgreSQL, so a new step cannot silently slow every
/// registration down (issue 25: it had grown to 16 round trips, then six). Counted from EF's command and
/// transaction log: every executed command and every commit or rollback is one round trip (Npgsql
/// sends BEGIN with the next command).
/// </summary>
public class RegistrationRoundTripTests(LoggingDatabaseFixture db) : IClassFixture<LoggingDatabaseFixture>
{
    [Fact]
    public async Task A_registration_with_nothing_optional_to_do_takes_three_round_trips()
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 2);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        (await RegisterAsync(buyer, tags[0])).Outcome.Should().Be(RegistrationOutcome.Registered);

        var before = db.Logs.Lines.Count;
        var second = await RegisterAsync(buyer, tags[1]);
        var trips = RoundTrips(db.Logs.Lines.Skip(before));

        second.Outcome.Should().Be(RegistrationOutcome.Registered);
        // The facts read (the account's wrong codes today with it: none, so no guess reservation), the
        // ledger's one statement with the tag's gate and the buyer's mail, the commit.
        trips.Should().HaveCount(3, "each round trip is listed:\n" + string.Join("\n", trips));
    }

    private Task<RegisterItemResult> RegisterAsync(Guid buyer, PrintedTag tag) =>
        db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tag.Serial, tag.ScratchCode));

    private static List<string> RoundTrips(IEnumerable<string> lines) =>
        lines.Where(line =>
                (line.StartsWith("Microsoft.EntityFrameworkCore.Database.Command:", StringComparison.Ordinal) && line.Contains("Executed DbCommand", StringComparison.Ordinal))
                || (line.StartsWith("Microsoft.EntityFrameworkCore.Database.Transaction:", StringComparison.Ordinal)
                    && (line.Contains("Committed transaction", StringComparison.Ordinal) || line.Contains("Rolled back transaction", StringComparison.Ordinal))))
            .Select(line => line.Length > 400 ? line[..400] : line)
            .ToList();
}
