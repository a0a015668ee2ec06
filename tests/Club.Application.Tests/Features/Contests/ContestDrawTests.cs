using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Club.Application.Abstractions;
using Club.Application.Features.Contests;
using Club.Application.Tests.Features.Activities;
using Club.Application.Tests.Features.Points;
using Club.Domain.Activities;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.Contests;

/// <summary>Draws anyone can check, entries of each kind, and contests for one partner's sellers.</summary>
public class ContestDrawTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_winners_follow_from_the_published_seed_and_entries_list_and_are_paid_and_mailed_once()
    {
        var contest = await CreateAsync("Reproducible draw", ContestEntryKind.Join, ContestSelection.Draw, winners: 3, winnerPoints: 70);
        var before = (await db.SendAsync<ContestPage?>(new GetContestQuery(contest)))!;
        var entrants = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
            (await db.SendAsync<Result>(new EnterContestCommand(buyer, contest))).Succeeded.Should().BeTrue();
            entrants.Add(buyer);
        }

        var early = await db.SendAsync<Result>(new DrawContestWinnersCommand(contest));
        await CloseAsync(contest);
        var draws = await ActivityTesting.InParallelAsync(5, () => db.SendAsync<Result>(new DrawContestWinnersCommand(contest)));
        var page = (await db.SendAsync<ContestPage?>(new GetContestQuery(contest)))!;

        early.Succeeded.Should().BeFalse("the draw waits for the entries to close");
        draws.Count(r => r.Succeeded).Should().Be(1);
        before.Seed.Should().BeNull("the seed stays secret until the draw");
        before.SeedHash.Should().MatchRegex("^[0-9a-f]{64}$").And.Be(page.SeedHash);
        // Recomputed here from the page alone, by the algorithm the page and docs/decisions.md state.
        Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(page.Seed!))).Should().Be(page.SeedHash);
        var expected = Recompute(page.Seed!, page.Entries.Select(e => e.Number).ToList(), 3);
        page.DrawnWinners.Should().Equal(expected);
        page.Entries.Where(e => e.Won).Select(e => e.Number).Should().BeEquivalentTo(expected);
        var entries = await db.SendAsync<IReadOnlyList<ContestEntryRow>>(new ListContestEntriesQuery(contest));
        var winners = entries.Where(e => e.Won).Select(e => e.MemberId).ToList();
        winners.Should().HaveCount(3);
        foreach (var member in entrants)
        {
            (await db.BalanceAsync(member)).Should().Be(winners.Contains(member) ? 70 : 0);
        }

        (await MailsAsync("ContestWon", contest)).Should().BeEquivalentTo(winners);
        (await MailsAsync("ContestEntered", contest)).Should().BeEquivalentTo(entrants);
        (await LedgerChecks.MismatchedBalancesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_seed_and_its_published_hash_cannot_be_changed()
    {
        var contest = await CreateAsync("Fixed seed", ContestEntryKind.Join, ContestSelection.Draw, winners: 1, winnerPoints: 0);
        var other = ContestDraw.NewSeed();

        var changeSeed = () => db.SqlAsync($"UPDATE contests SET seed = {other}, seed_hash = {ContestDraw.HashOf(other)} WHERE id = {contest}");
        var changeHash = () => db.SqlAsync($"UPDATE contests SET seed_hash = {ContestDraw.HashOf(other)} WHERE id = {contest}");
        var mismatched = () => db.SqlAsync($"""
            INSERT INTO contests (title, starts_at, ends_at, entry_points, winner_points, created_at, created_by, entry_kind, selection, winner_count, seed, seed_hash)
            VALUES ('x', now(), now() + interval '1 day', 0, 0, now(), 'test', 'Join', 'Draw', 1, {other}, {ContestDraw.HashOf(ContestDraw.NewSeed())})
            """);

        await changeSeed.Should().ThrowAsync<Exception>();
        await changeHash.Should().ThrowAsync<Exception>();
        await mismatched.Should().ThrowAsync<Exception>("a stored seed must hash to the stored hash");
        (await db.SendAsync<Result>(new PickContestWinnerCommand(contest, Guid.NewGuid()))).Succeeded.Should().BeFalse("a drawn contest's winners are not picked by hand");
    }

    [Fact]
    public async Task A_partners_contest_is_seen_and_entered_only_by_its_sellers()
    {
        var partner = await db.WithScopeAsync<ClubDbContext, int>(c => c.Partners.MinAsync(p => p.Id));
        var contest = await CreateAsync("Partner only", ContestEntryKind.Sales, ContestSelection.Staff, winners: 1, winnerPoints: 10, partner);
        var seller = TestMember.Seller(null);
        await TestMembers.SeedAsync(db.ConnectionString, [seller]);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;

        var outsider = await db.SendAsync<Result>(new EnterContestCommand(buyer, contest));
        var own = await db.SendAsync<Result>(new EnterContestCommand(seller.Id, contest));

        outsider.Succeeded.Should().BeFalse();
        (await db.SendAsync<IReadOnlyList<ContestRow>>(new ListContestsQuery(buyer))).Should().NotContain(c => c.Id == contest);
        own.Succeeded.Should().BeTrue();
        (await db.SendAsync<IReadOnlyList<ContestRow>>(new ListContestsQuery(seller.Id))).Should().Contain(c => c.Id == contest && c.Entered);
        var entry = (await db.SendAsync<IReadOnlyList<ContestEntryRow>>(new ListContestEntriesQuery(contest))).Single();
        entry.Sales.Should().Be(0, "the seller has no confirmed sale in the contest's dates");
        (await db.SendAsync<Result>(new CreateContestCommand("tests", "Sales for all", null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1), 0, 0, ContestEntryKind.Sales)))
            .Succeeded.Should().BeFalse("a sales contest names its partner");
    }

    [Fact]
    public async Task A_text_entry_needs_its_text_and_a_photo_entry_a_picture_whose_metadata_is_dropped()
    {
        var text = await CreateAsync("Story", ContestEntryKind.Text, ContestSelection.Staff, winners: 1, winnerPoints: 0);
        var photo = await CreateAsync("Photo", ContestEntryKind.Photo, ContestSelection.Staff, winners: 1, winnerPoints: 0);
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;

        (await db.SendAsync<Result>(new EnterContestCommand(buyer, text, "  "))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new EnterContestCommand(buyer, text, new string('x', ContestEntry.MaxTextLength + 1)))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new EnterContestCommand(buyer, text, "  Моя история  "))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new EnterContestCommand(buyer, photo, null, Encoding.UTF8.GetBytes("not a picture")))).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(new EnterContestCommand(buyer, photo, null, TestImages.JpegWithGps()))).Succeeded.Should().BeTrue();

        (await db.SendAsync<IReadOnlyList<ContestEntryRow>>(new ListContestEntriesQuery(text))).Single().Text.Should().Be("Моя история");
        var entry = (await db.SendAsync<IReadOnlyList<ContestEntryRow>>(new ListContestEntriesQuery(photo))).Single();
        entry.HasPhoto.Should().BeTrue();
        var stored = await db.SendAsync<ContestEntryPhoto?>(new GetContestEntryPhotoQuery(entry.Number, buyer, false));
        stored!.Content.Should().NotEqual(TestImages.JpegWithGps(), "the upload is re-encoded, without its EXIF and GPS");
        (await db.SendAsync<ContestEntryPhoto?>(new GetContestEntryPhotoQuery(entry.Number, Guid.NewGuid(), false))).Should().BeNull("only the entrant and staff see it");
    }

    /// <summary>The published algorithm, written out again independently of <see cref="ContestDraw"/>.</summary>
    private static List<long> Recompute(string seed, List<long> numbers, int winners)
    {
        var pool = numbers.OrderBy(n => n).ToList();
        var picked = new List<long>();
        for (var round = 1; round <= winners && pool.Count > 0; round++)
        {
            var digest = SHA256.HashData(Encoding.ASCII.GetBytes(seed + ":" + round));
            var x = BinaryPrimitives.ReadUInt64BigEndian(digest.AsSpan(0, 8));
            var index = (int)(x % (ulong)pool.Count);
            picked.Add(pool[index]);
            pool.RemoveAt(index);
        }

        return picked;
    }

    private async Task<int> CreateAsync(string title, ContestEntryKind kind, ContestSelection selection, int winners, int winnerPoints, int? partner = null)
    {
        var now = DateTimeOffset.UtcNow;
        var result = await db.SendAsync<Result>(new CreateContestCommand(
            "tests", title, null, now.AddDays(-1), now.AddDays(1), 0, winnerPoints, kind, selection, partner, winners));
        result.Succeeded.Should().BeTrue();
        return await db.WithScopeAsync<ClubDbContext, int>(c => c.Contests.Where(x => x.Title == title).MaxAsync(x => x.Id));
    }

    /// <summary>The contest's end passes: only its dates change, which the database allows.</summary>
    private Task CloseAsync(int contest) => db.SqlAsync($"UPDATE contests SET ends_at = now() - interval '1 second' WHERE id = {contest}");

    private Task<List<Guid>> MailsAsync(string template, int contest) =>
        db.WithScopeAsync<ClubDbContext, List<Guid>>(c => c.MailOutbox.Where(m => m.Template == template && m.IdempotencyKey.Contains($":{contest}:"))
            .Select(m => m.MemberId).ToListAsync());
}
