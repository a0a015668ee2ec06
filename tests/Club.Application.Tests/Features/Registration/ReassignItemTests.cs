using Club.Application.Abstractions;
using Club.Application.Features.Registration;
using Club.Domain.Points;
using Club.Domain.Tags;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using static Club.Application.Tests.Features.Registration.ItemDeskSupport;

namespace Club.Application.Tests.Features.Registration;

public class ReassignItemTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Reassigning_moves_the_item_and_its_certificate_and_leaves_the_points_with_who_earned_them()
    {
        var (giver, tag, points) = await BuyerWithItemAsync(db);
        var (wife, wifeEmail) = await BuyerAsync(db);
        var staff = (await BuyerAsync(db)).Id;

        var result = await db.SendAsync<Result>(new ReassignItemCommand(tag.Serial, wifeEmail.ToUpperInvariant(), "A gift to his wife", false, staff));

        result.Succeeded.Should().BeTrue();
        var certificate = await db.SendAsync<MyItemCertificate>(new GetMyItemQuery(wife, tag.Serial));
        certificate.OwnerName.Should().StartWith("Покупатель");
        await FluentActions.Awaiting(() => db.SendAsync<MyItemCertificate>(new GetMyItemQuery(giver, tag.Serial)))
            .Should().ThrowAsync<NotFoundException>();
        (await BalanceAsync(db, giver)).Should().Be(points);
        (await BalanceAsync(db, wife)).Should().Be(0);
        await using var context = await CreateAsync(db);
        var history = await context.ItemOwnerChanges.Where(c => c.TagId == TagId(db, tag.Serial)).SingleAsync();
        history.Should().BeEquivalentTo(new { FromMemberId = giver, ToMemberId = (Guid?)wife, Kind = OwnerChangeKind.Reassigned, Reason = "A gift to his wife", PointsMoved = 0, ChangedBy = staff });
    }

    [Fact]
    public async Task Points_move_with_the_item_when_staff_choose_and_the_ledger_still_equals_balances_and_lots()
    {
        var (mistaken, tag, points) = await BuyerWithItemAsync(db);
        var (rightful, _) = await BuyerAsync(db);
        var staff = (await BuyerAsync(db)).Id;
        var phone = await PhoneOfAsync(rightful);

        var result = await db.SendAsync<Result>(new ReassignItemCommand(tag.Serial, phone, "Registered by the shop assistant by mistake", true, staff));

        result.Succeeded.Should().BeTrue();
        var bonus = await FirstItemBonusAsync(db, mistaken);
        bonus.Should().BePositive("the demo rules pay a first-item bonus");
        (await BalanceAsync(db, mistaken)).Should().Be(bonus, "the first-item bonus rewards the member's first registration, not the item");
        (await BalanceAsync(db, rightful)).Should().Be(points - bonus);
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
        await using var context = await CreateAsync(db);
        (await context.ItemOwnerChanges.Where(c => c.ToMemberId == rightful).Select(c => c.PointsMoved).SingleAsync()).Should().Be(points - bonus);
        (await context.PointsEntries.AnyAsync(e => e.MemberId == rightful && e.Reason == PointsReason.FirstItemBonus)).Should().BeFalse();
    }

    [Fact]
    public async Task The_first_item_bonus_never_moves_however_often_the_item_moves_with_its_points()
    {
        var (first, tag, points) = await BuyerWithItemAsync(db);
        var (second, secondEmail) = await BuyerAsync(db);
        var firstEmail = await EmailOfAsync(first);
        var staff = (await BuyerAsync(db)).Id;
        var bonus = await FirstItemBonusAsync(db, first);

        (await db.SendAsync<Result>(new ReassignItemCommand(tag.Serial, secondEmail, "Gift", true, staff))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new ReassignItemCommand(tag.Serial, firstEmail, "Gift taken back", true, staff))).Succeeded.Should().BeTrue();
        (await db.SendAsync<Result>(new ReassignItemCommand(tag.Serial, secondEmail, "Gift again", true, staff))).Succeeded.Should().BeTrue();

        (await BalanceAsync(db, first)).Should().Be(bonus);
        (await BalanceAsync(db, second)).Should().Be(points - bonus);
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
        await using var context = await CreateAsync(db);
        (await context.ItemOwnerChanges.Where(c => c.TagId == TagId(db, tag.Serial)).Select(c => c.PointsMoved).ToListAsync())
            .Should().AllBeEquivalentTo(points - bonus);
    }

    [Fact]
    public async Task Points_already_spent_cannot_move_and_nothing_changes()
    {
        var (owner, tag, points) = await BuyerWithItemAsync(db);
        var (other, otherEmail) = await BuyerAsync(db);
        var staff = (await BuyerAsync(db)).Id;
        // The balance keeps the first-item bonus (it does not move): one point more is spent from the item's.
        var spent = await FirstItemBonusAsync(db, owner) + 1;
        await SpendAsync(db, owner, spent);

        var result = await db.SendAsync<Result>(new ReassignItemCommand(tag.Serial, otherEmail, "Gift", true, staff));

        result.Succeeded.Should().BeFalse();
        result.Errors[0].ErrorMessage.Should().Contain("already spent");
        (await BalanceAsync(db, owner)).Should().Be(points - spent);
        (await BalanceAsync(db, other)).Should().Be(0);
        await using var context = await CreateAsync(db);
        (await context.Tags.Where(t => t.Id == TagId(db, tag.Serial)).Select(t => t.OwnerMemberId).SingleAsync()).Should().Be(owner);
        (await context.ItemOwnerChanges.AnyAsync(c => c.TagId == TagId(db, tag.Serial))).Should().BeFalse();
    }

    [Fact]
    public async Task Ten_parallel_clicks_change_the_owner_once()
    {
        var (owner, tag, points) = await BuyerWithItemAsync(db);
        var (other, otherEmail) = await BuyerAsync(db);
        var staff = (await BuyerAsync(db)).Id;

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            db.SendAsync<Result>(new ReassignItemCommand(tag.Serial, otherEmail, "Gift", true, staff))));

        results.Count(r => r.Succeeded).Should().Be(1);
        (await BalanceAsync(db, other)).Should().Be(points - await FirstItemBonusAsync(db, owner));
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
        await using var context = await CreateAsync(db);
        (await context.ItemOwnerChanges.CountAsync(c => c.TagId == TagId(db, tag.Serial))).Should().Be(1);
    }

    [Theory]
    [InlineData("NOT-A-SERIAL", "x@tests.example", "Gift", "No item has this serial.")]
    [InlineData(null, "nobody-at-all@tests.example", "Gift", "No member has this email or phone.")]
    [InlineData(null, "", "Gift", "Enter the new owner's email or phone.")]
    [InlineData(null, "+7 999 000-00-00", " ", "Say why the item changes owner.")]
    public async Task Bad_input_gets_a_message_and_changes_nothing(string? serial, string newOwner, string reason, string message)
    {
        var (owner, tag, _) = await BuyerWithItemAsync(db);
        var staff = (await BuyerAsync(db)).Id;

        var result = await db.SendAsync<Result>(new ReassignItemCommand(serial ?? tag.Serial, newOwner, reason, false, staff));

        result.Errors.Select(e => e.ErrorMessage).Should().Equal(message);
        await using var context = await CreateAsync(db);
        (await context.Tags.Where(t => t.Id == TagId(db, tag.Serial)).Select(t => t.OwnerMemberId).SingleAsync()).Should().Be(owner);
    }

    private async Task<string> EmailOfAsync(Guid member)
    {
        await using var context = await CreateAsync(db);
        return (await context.Database.SqlQuery<string>($"SELECT email AS \"Value\" FROM users WHERE id = {member}").ToListAsync())[0];
    }

    private async Task<string> PhoneOfAsync(Guid member)
    {
        await using var context = await CreateAsync(db);
        var phone = (await context.Database.SqlQuery<string>($"SELECT phone_number AS \"Value\" FROM users WHERE id = {member}").ToListAsync())[0];
        // As staff would type it from a call: with a leading 8 and spaces.
        return "8 " + phone[2..5] + " " + phone[5..];
    }
}
