using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Points;

/// <summary>The expiry and birthday time rules a program manager sets (one row; this class has its own database).</summary>
public class PointsPolicyTests(ClockedDatabaseFixture db) : IClassFixture<ClockedDatabaseFixture>
{
    [Fact]
    public async Task The_lifetime_a_manager_sets_applies_to_points_earned_from_then_on_and_zero_means_never()
    {
        // The last day of a month: a month later is the last day of February, in the ledger's SQL as in .NET.
        var now = new DateTimeOffset(2027, 1, 31, 1, 0, 0, TimeSpan.Zero);
        var member = TestMember.Buyer(null);
        await TestMembers.SeedAsync(db.ConnectionString, [member]);

        await PostAsync(member.Id, "default", now);
        await SaveAsync(lifetime: 1);
        await PostAsync(member.Id, "one-month", now);
        await SaveAsync(lifetime: 0);
        await PostAsync(member.Id, "never", now);

        await using var check = await CreateAsync();
        var expiries = await (from l in check.PointsLots
                              join e in check.PointsEntries on l.EntryId equals e.Id
                              where e.MemberId == member.Id
                              select new { e.IdempotencyKey, l.ExpiresAt }).ToDictionaryAsync(x => x.IdempotencyKey, x => x.ExpiresAt);
        expiries[$"test:default:{member.Id}"].Should().Be(now.AddMonths(12), "points earned before a change keep their date");
        expiries[$"test:one-month:{member.Id}"].Should().Be(await PointsLedger.ExpiryAsync(check, now, CancellationToken.None, lifetimeMonths: 1)).And.Be(new DateTimeOffset(2027, 2, 28, 1, 0, 0, TimeSpan.Zero));
        expiries[$"test:never:{member.Id}"].Should().Be(PointsLot.Never);
        (await db.SendAsync<PointsPolicy>(new GetPointsPolicyQuery())).Should().BeEquivalentTo(
            new { LifetimeMonths = 0, ExpiryReminderDays = 10, BirthdayQuietDays = 30, UpdatedBy = "manager@club.demo" });
        await SaveAsync(lifetime: PointsLot.DefaultLifetimeMonths);
    }

    [Fact]
    public async Task Reminders_come_as_many_days_ahead_as_the_manager_set_and_not_at_all_with_zero()
    {
        await SaveAsync(lifetime: PointsLot.DefaultLifetimeMonths, reminder: 40);
        db.Clock.Now = new DateTimeOffset(2027, 5, 10, 1, 0, 0, TimeSpan.Zero);
        TestMember first = TestMember.Buyer(null), second = TestMember.Buyer(null);
        await TestMembers.SeedAsync(db.ConnectionString, [first, second]);
        // Both members' points expire in 35 days: inside 40 days, outside the default 10.
        var earned = db.Clock.Now.AddMonths(-12).AddDays(35);
        await PostAsync(first.Id, "soon", earned);
        await PostAsync(second.Id, "soon", earned);

        await db.SendAsync<int>(new ExpirePointsCommand());
        await SaveAsync(lifetime: PointsLot.DefaultLifetimeMonths, reminder: 0);
        await using (var context = await CreateAsync())
        {
            await context.MailOutbox.Where(m => m.MemberId == second.Id).ExecuteDeleteAsync();
        }

        await db.SendAsync<int>(new ExpirePointsCommand());

        await using var check = await CreateAsync();
        // Only these two: the demo history's members have points expiring around then too.
        var reminded = await check.MailOutbox
            .Where(m => m.Template == ExpirePointsHandler.ReminderTemplate && (m.MemberId == first.Id || m.MemberId == second.Id))
            .Select(m => m.MemberId).ToListAsync();
        reminded.Should().Equal(first.Id);
        await SaveAsync(lifetime: PointsLot.DefaultLifetimeMonths);
    }

    [Fact]
    public async Task Without_the_row_credits_take_the_default_lifetime_and_saving_brings_it_back()
    {
        var now = new DateTimeOffset(2027, 3, 1, 1, 0, 0, TimeSpan.Zero);
        var member = TestMember.Buyer(null);
        await TestMembers.SeedAsync(db.ConnectionString, [member]);
        await using (var context = await CreateAsync())
        {
            await context.PointsPolicies.ExecuteDeleteAsync();
        }

        await PostAsync(member.Id, "no-row", now);
        await SaveAsync(lifetime: 6, reminder: 10, quiet: 30);

        await using var check = await CreateAsync();
        (await check.PointsLots.SingleAsync(l => l.MemberId == member.Id)).ExpiresAt.Should().Be(now.AddMonths(PointsLot.DefaultLifetimeMonths));
        (await check.PointsPolicies.SingleAsync()).LifetimeMonths.Should().Be(6);
        await SaveAsync(lifetime: PointsLot.DefaultLifetimeMonths);
    }

    [Theory]
    [InlineData(-1, 10, 30)]
    [InlineData(121, 10, 30)]
    [InlineData(12, -1, 30)]
    [InlineData(12, 91, 30)]
    [InlineData(12, 10, -1)]
    [InlineData(12, 10, 367)]
    public async Task Values_out_of_range_are_refused_and_change_nothing(int lifetime, int reminder, int quiet)
    {
        var before = await db.SendAsync<PointsPolicy>(new GetPointsPolicyQuery());

        var result = await db.SendAsync<Result>(new SavePointsPolicyCommand("manager@club.demo", lifetime, reminder, quiet));

        result.Succeeded.Should().BeFalse();
        result.Errors[0].ErrorMessage.Should().NotBeNullOrEmpty();
        (await db.SendAsync<PointsPolicy>(new GetPointsPolicyQuery())).Should().BeEquivalentTo(before);
    }

    private async Task SaveAsync(int lifetime, int reminder = 10, int quiet = 30) =>
        (await db.SendAsync<Result>(new SavePointsPolicyCommand("manager@club.demo", lifetime, reminder, quiet))).Succeeded.Should().BeTrue();

    private async Task PostAsync(Guid member, string tag, DateTimeOffset at)
    {
        await using var context = await CreateAsync();
        (await PointsLedger.PostAsync(context, new PointsPosting(member, 50, PointsReason.Correction, PointsLedger.MemberReference, member.ToString(), $"test:{tag}:{member}"), at, CancellationToken.None))
            .Should().BeTrue();
    }

    private Task<IClubDb> CreateAsync() => db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
}
