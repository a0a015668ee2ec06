using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Domain.Points;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using static Club.Application.Tests.Features.Registration.ItemDeskSupport;

namespace Club.Application.Tests.Features.Points;

public class AdjustPointsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_credit_is_posted_and_the_member_sees_a_correction_by_the_club_with_the_comment_staff_chose_to_show()
    {
        var (member, _) = await BuyerAsync(db);
        var staff = (await BuyerAsync(db)).Id;

        var shown = await AdjustAsync(Guid.NewGuid(), member, 150, staff, "Registration points lost in the outage", show: true);
        var hidden = await AdjustAsync(Guid.NewGuid(), member, 50, staff, "Internal: ticket 4711", show: false);

        shown.State.Should().Be(AdjustmentState.Posted);
        hidden.State.Should().Be(AdjustmentState.Posted);
        var points = await db.SendAsync<MyPoints>(new GetMyPointsQuery(member));
        points.Balance.Should().Be(200);
        points.History.Should().BeEquivalentTo(new[]
        {
            new { Amount = 50, Reason = PointsReason.Correction, Comment = (string?)null },
            new { Amount = 150, Reason = PointsReason.Correction, Comment = (string?)"Registration points lost in the outage" },
        }, o => o.ExcludingMissingMembers());
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Ten_parallel_posts_of_one_form_make_one_entry()
    {
        var (member, _) = await BuyerAsync(db);
        var staff = (await BuyerAsync(db)).Id;
        var form = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => AdjustAsync(form, member, 300, staff)));

        results.Should().OnlyContain(r => r.Succeeded && r.State == AdjustmentState.Posted);
        await using var context = await CreateAsync(db);
        (await context.PointsEntries.CountAsync(e => e.MemberId == member)).Should().Be(1);
        (await BalanceAsync(db, member)).Should().Be(300);
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_debit_never_takes_the_balance_below_zero_and_a_refused_one_leaves_nothing_behind()
    {
        var (member, _) = await BuyerAsync(db);
        var staff = (await BuyerAsync(db)).Id;
        await AdjustAsync(Guid.NewGuid(), member, 100, staff);
        var refusedForm = Guid.NewGuid();

        var refused = await AdjustAsync(refusedForm, member, -101, staff);
        var allowed = await AdjustAsync(Guid.NewGuid(), member, -100, staff);

        refused.Error!.Text.Should().Be("The member has 100 points: a debit cannot take the balance below zero.");
        allowed.State.Should().Be(AdjustmentState.Posted);
        (await BalanceAsync(db, member)).Should().Be(0);
        await using var context = await CreateAsync(db);
        (await context.PointsAdjustments.AnyAsync(a => a.Id == refusedForm)).Should().BeFalse();
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Above_the_limit_a_program_managers_correction_waits_for_an_Admin()
    {
        var (member, _) = await BuyerAsync(db);
        var manager = (await BuyerAsync(db)).Id;
        var admin = (await BuyerAsync(db)).Id;
        var large = new PointsSettings().AdjustmentApprovalLimit + 1;
        var (approved, rejected) = (Guid.NewGuid(), Guid.NewGuid());

        (await AdjustAsync(approved, member, large, manager)).State.Should().Be(AdjustmentState.AwaitingApproval);
        (await AdjustAsync(rejected, member, large, manager)).State.Should().Be(AdjustmentState.AwaitingApproval);
        (await BalanceAsync(db, member)).Should().Be(0);
        (await db.SendAsync<IReadOnlyList<AdjustmentToApprove>>(new ListAdjustmentsToApproveQuery()))
            .Select(a => a.Id).Should().Contain([approved, rejected]);

        (await db.SendAsync<Result>(new DecideAdjustmentCommand(approved, true, admin))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new DecideAdjustmentCommand(rejected, false, admin))).Succeeded.Should().BeTrue();
        var again = await db.SendAsync<Result>(new DecideAdjustmentCommand(approved, true, admin));

        again.Errors[0].ErrorMessage.Should().Be("This correction has already been decided.");
        (await BalanceAsync(db, member)).Should().Be(large);
        var byAdmin = await db.SendAsync<AdjustPointsResult>(
            new AdjustPointsCommand(Guid.NewGuid(), member, large, AdjustmentReason.Goodwill, "Admin's own", false, admin, StaffIsAdmin: true));
        byAdmin.State.Should().Be(AdjustmentState.Posted);
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task Nobody_corrects_their_own_points_and_small_corrections_adding_up_past_the_limit_wait_for_an_Admin()
    {
        var (member, _) = await BuyerAsync(db);
        var manager = (await BuyerAsync(db)).Id;
        var limit = new PointsSettings().AdjustmentApprovalLimit;

        var own = await AdjustAsync(Guid.NewGuid(), manager, 10, manager);
        var first = await AdjustAsync(Guid.NewGuid(), member, limit, manager);
        var second = await AdjustAsync(Guid.NewGuid(), member, 1, manager);

        own.Error!.Text.Should().Be("Your own points are corrected by another member of staff.");
        first.State.Should().Be(AdjustmentState.Posted);
        second.State.Should().Be(AdjustmentState.AwaitingApproval, "the day's corrections by this manager to this member now pass the limit");
        (await BalanceAsync(db, member)).Should().Be(limit);
        (await BalanceAsync(db, manager)).Should().Be(0);
    }

    [Theory]
    [InlineData(0, AdjustmentReason.Goodwill, "x", "Enter the points to add or, with a minus, to take away.")]
    [InlineData(2_000_000, AdjustmentReason.Goodwill, "x", "A correction is at most 1,000,000 points either way.")]
    [InlineData(10, (AdjustmentReason)99, "x", "Choose a reason from the list.")]
    [InlineData(10, AdjustmentReason.Goodwill, "  ", "Write a comment: what happened.")]
    public async Task Bad_input_gets_a_message_and_changes_nothing(int amount, AdjustmentReason reason, string comment, string message)
    {
        var (member, _) = await BuyerAsync(db);
        var staff = (await BuyerAsync(db)).Id;

        var result = await db.SendAsync<AdjustPointsResult>(new AdjustPointsCommand(Guid.NewGuid(), member, amount, reason, comment, false, staff, false));

        result.Error!.Text.Should().Be(message);
        (await BalanceAsync(db, member)).Should().Be(0);
    }

    private Task<AdjustPointsResult> AdjustAsync(Guid form, Guid member, int amount, Guid staff, string comment = "Test", bool show = false) =>
        db.SendAsync<AdjustPointsResult>(new AdjustPointsCommand(form, member, amount, AdjustmentReason.MissingPoints, comment, show, staff, false));
}
