using Club.Application.Abstractions;
using Club.Application.Features.Members;
using Club.Application.Features.Points;
using Club.Application.Features.Points.Ledger;
using Club.Application.Features.Registration;
using Club.Application.Tests.Features.Catalog;
using Club.Application.Tests.Features.Sales;
using Club.Domain.Points;
using Club.Domain.Sales;
using Club.Domain.Tags;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Club.Application.Tests.Features.Registration.ItemDeskSupport;

namespace Club.Application.Tests.Features.Members;

public class SetMemberActiveTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Deactivation_ends_sessions_and_freezes_points_and_reactivation_restores_all_with_both_audited()
    {
        var (member, _, points) = await BuyerWithItemAsync(db);
        var staff = (await BuyerAsync(db)).Id;
        var stamp = await StampAsync(member);

        (await SetAsync(member, false, "  Подозрение на перепродажу  ", staff)).Succeeded.Should().BeTrue();

        (await StampAsync(member)).Should().NotBe(stamp, "a new security stamp ends the member's sessions at their next check");
        var profile = (await db.SendAsync<MemberFile>(new GetMemberFileQuery(member))).Profile;
        profile.DeactivatedAt.Should().NotBeNull();
        profile.DeactivationReason.Should().Be("Подозрение на перепродажу");
        var credit = await db.SendAsync<AdjustPointsResult>(new AdjustPointsCommand(Guid.NewGuid(), member, 100, AdjustmentReason.Goodwill, "Goodwill", false, staff, false));
        credit.Error!.Key.Should().Be(PointsFrozenException.MessageKey);
        var debit = await db.SendAsync<AdjustPointsResult>(new AdjustPointsCommand(Guid.NewGuid(), member, -1, AdjustmentReason.Goodwill, "Debit", false, staff, false));
        debit.Error!.Key.Should().Be(PointsFrozenException.MessageKey);
        (await BalanceAsync(db, member)).Should().Be(points);

        (await SetAsync(member, true, "Разобрались", staff)).Succeeded.Should().BeTrue();

        (await db.SendAsync<MemberFile>(new GetMemberFileQuery(member))).Profile.DeactivatedAt.Should().BeNull();
        (await db.SendAsync<AdjustPointsResult>(new AdjustPointsCommand(Guid.NewGuid(), member, 100, AdjustmentReason.Goodwill, "Goodwill", false, staff, false)))
            .Succeeded.Should().BeTrue();
        (await BalanceAsync(db, member)).Should().Be(points + 100);
        (await AuditAsync(member)).Should().Equal(
            ("member.deactivate", "Подозрение на перепродажу"),
            ("member.reactivate", "Разобрались"));
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_deactivated_member_can_neither_register_an_item_nor_order_a_gift()
    {
        var member = await db.BuyerWithPointsAsync(500);
        var gift = await db.CreateGiftAsync(100, 5);
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 1);
        var staff = (await BuyerAsync(db)).Id;
        await SetAsync(member, false, "Blocked", staff);

        var registration = await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(member, tags[0].Serial, tags[0].ScratchCode));
        var order = await db.OrderAsync(member, gift);

        registration.Outcome.Should().Be(RegistrationOutcome.AccountDeactivated);
        order.Error!.Key.Should().Be(PointsFrozenException.MessageKey);
        await using var context = await CreateAsync(db);
        (await context.Tags.Where(t => t.Id == TagId(db, tags[0].Serial)).Select(t => t.State).SingleAsync()).Should().Be(TagState.Issued);
        (await db.StockAsync(gift)).Should().Be(5);
        (await BalanceAsync(db, member)).Should().Be(500);
    }

    [Fact]
    public async Task A_deactivated_sellers_sale_is_confirmed_for_the_buyer_and_its_points_are_held_until_the_reactivation()
    {
        var seller = await db.SellerAsync();
        var tags = await db.ActiveTagsAsync(seller, 1);
        (await db.RecordAsync(seller, tags[0].Serial)).State.Should().Be(SaleState.AwaitingBuyer);
        var staff = (await BuyerAsync(db)).Id;
        await SetAsync(seller.Id, false, "Проверка магазина", staff);

        var buyer = (await BuyerAsync(db)).Id;
        (await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode))).Outcome
            .Should().Be(RegistrationOutcome.Registered, "the buyer is not held back by the seller's account");

        (await db.SalesAsync(seller.Id)).Single().State.Should().Be(SaleState.Confirmed);
        (await BalanceAsync(db, seller.Id)).Should().Be(0);

        var reactivated = await SetAsync(seller.Id, true, "Магазин проверен", staff);
        var again = await SetAsync(seller.Id, true, "Второй клик", staff);

        reactivated.HeldSalesPaid.Should().Be(1);
        again.HeldSalesPaid.Should().Be(0);
        (await BalanceAsync(db, seller.Id)).Should().Be((await db.SalesAsync(seller.Id)).Single().Points);
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_job_skips_a_deactivated_member_and_a_reward_still_due_is_paid_after_the_reactivation()
    {
        var (member, _) = await BuyerAsync(db);
        var staff = (await BuyerAsync(db)).Id;
        await SetAsync(member, false, "Blocked", staff);
        var key = $"test-job:{Guid.NewGuid():N}";

        var whileDeactivated = await PayAsync(member, key);
        await SetAsync(member, true, "Unblocked", staff);
        var afterwards = await PayAsync(member, key);

        whileDeactivated.Should().Be(0);
        afterwards.Should().Be(1);
        (await BalanceAsync(db, member)).Should().Be(40);
    }

    [Theory]
    [InlineData("", "Say why the account is deactivated or reactivated.")]
    [InlineData(" ", "Say why the account is deactivated or reactivated.")]
    public async Task Bad_input_gets_a_message_and_changes_nothing(string reason, string message)
    {
        var (member, _) = await BuyerAsync(db);
        var staff = (await BuyerAsync(db)).Id;

        (await SetAsync(member, false, reason, staff)).Error!.Key.Should().Be(message);
        (await SetAsync(member, false, new string('x', SetMemberActiveResult.MaxReasonLength + 1), staff)).Error!.Key.Should().StartWith("The reason is too long");
        (await SetAsync(Guid.NewGuid(), false, "Why", staff)).Error!.Key.Should().Be("No such member.");
        (await SetAsync(staff, false, "Myself", staff)).Error!.Key.Should().Be("Your own account is switched by another member of staff.");
        (await SetAsync(await db.IdOfAsync("admin@club.demo"), false, "Staff", staff)).Error!.Key.Should().Contain("staff page");
        (await db.SendAsync<MemberFile>(new GetMemberFileQuery(member))).Profile.DeactivatedAt.Should().BeNull();
    }

    private Task<SetMemberActiveResult> SetAsync(Guid member, bool active, string reason, Guid staff) =>
        db.SendAsync<SetMemberActiveResult>(new SetMemberActiveCommand(member, active, reason, staff));

    /// <summary>A job's set posting of one due reward (as the survey job pays a completed survey).</summary>
    private async Task<int> PayAsync(Guid member, string key)
    {
        await using var context = await CreateAsync(db);
        var reason = nameof(PointsReason.SurveyCompleted);
        return await PointsLedger.PostSetAsync(context, $"""
            SELECT {member} AS member_id, 40 AS amount, {reason}::text AS reason, 'survey' AS reference_type, '1' AS reference_id, {key}::text AS idempotency_key
            """, DateTimeOffset.UtcNow, default);
    }

    private async Task<string?> StampAsync(Guid member)
    {
        await using var context = await CreateAsync(db);
        return (await context.Database.SqlQuery<string?>($"SELECT security_stamp AS \"Value\" FROM users WHERE id = {member}").ToListAsync())[0];
    }

    private async Task<List<(string, string?)>> AuditAsync(Guid member)
    {
        await using var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        var rows = await context.Database.SqlQuery<AuditRow>($"""
            SELECT action, after ->> 'reason' AS reason FROM audit_log
            WHERE entity_type = 'member' AND entity_id = {member.ToString()} ORDER BY id
            """).ToListAsync();
        return rows.Select(r => (r.Action, r.Reason)).ToList();
    }

    private sealed record AuditRow(string Action, string? Reason);
}
