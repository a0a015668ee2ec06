using Club.Application.Abstractions;
using Club.Application.Features.Registration;
using Club.Domain.Tags;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using static Club.Application.Tests.Features.Registration.ItemDeskSupport;

namespace Club.Application.Tests.Features.Registration;

public class TransferItemTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_new_owner_enters_the_code_the_item_moves_no_points_are_paid_again_and_the_old_owner_is_mailed()
    {
        var (giver, tag, points) = await BuyerWithItemAsync(db);
        var (receiver, _) = await BuyerAsync(db);

        var code = await db.SendAsync<TransferCodeResult>(new CreateTransferCodeCommand(giver, tag.Serial));
        var accepted = await db.SendAsync<AcceptTransferResult>(new AcceptTransferCommand(receiver, tag.Serial, code.Code!.ToLowerInvariant().Replace("-", " "), "10.20.0.1"));

        code.ExpiresAt.Should().BeCloseTo(DateTimeOffset.UtcNow + ItemTransferCode.Lifetime, TimeSpan.FromMinutes(1));
        accepted.Outcome.Should().Be(AcceptTransferOutcome.Transferred);
        (await db.SendAsync<MyItemCertificate>(new GetMyItemQuery(receiver, tag.Serial))).Item.Serial.Should().Be(tag.Serial);
        await FluentActions.Awaiting(() => db.SendAsync<MyItemCertificate>(new GetMyItemQuery(giver, tag.Serial))).Should().ThrowAsync<NotFoundException>();
        (await BalanceAsync(db, giver)).Should().Be(points, "the points stay with whoever earned them");
        (await BalanceAsync(db, receiver)).Should().Be(0, "a transfer pays no registration points again");
        await using var context = await CreateAsync(db);
        var history = await context.ItemOwnerChanges.SingleAsync(c => c.TagId == TagId(db, tag.Serial));
        history.Should().BeEquivalentTo(new { FromMemberId = giver, ToMemberId = (Guid?)receiver, Kind = OwnerChangeKind.Transferred, PointsMoved = 0 });
        (await context.MailOutbox.CountAsync(m => m.MemberId == giver && m.Template == AcceptTransferHandler.MailTemplate)).Should().Be(1);
        (await context.ItemTransferCodes.Where(c => c.TagId == TagId(db, tag.Serial)).Select(c => c.CodeHash).SingleAsync())
            .Should().NotEqual(System.Text.Encoding.ASCII.GetBytes(code.Code.Replace("-", "")), "only the code's hash is stored");
    }

    [Fact]
    public async Task One_code_used_twice_at_once_moves_the_item_once()
    {
        var (giver, tag, _) = await BuyerWithItemAsync(db);
        var first = (await BuyerAsync(db)).Id;
        var second = (await BuyerAsync(db)).Id;
        var code = (await db.SendAsync<TransferCodeResult>(new CreateTransferCodeCommand(giver, tag.Serial))).Code;

        var results = await Task.WhenAll(
            new[] { first, second, first, second }.Select(member =>
                db.SendAsync<AcceptTransferResult>(new AcceptTransferCommand(member, tag.Serial, code, "10.20.0.2"))));

        results.Count(r => r.Outcome == AcceptTransferOutcome.Transferred).Should().Be(1);
        await using var context = await CreateAsync(db);
        (await context.ItemOwnerChanges.CountAsync(c => c.TagId == TagId(db, tag.Serial))).Should().Be(1);
        var owner = await context.Tags.Where(t => t.Id == TagId(db, tag.Serial)).Select(t => t.OwnerMemberId).SingleAsync();
        new Guid?[] { first, second }.Should().Contain(owner);
        (await context.MailOutbox.CountAsync(m => m.MemberId == giver && m.Template == AcceptTransferHandler.MailTemplate)).Should().Be(1);
    }

    [Fact]
    public async Task Guessing_codes_is_limited_as_scratch_codes_are_and_past_the_limit_even_the_right_code_is_refused()
    {
        var (giver, tag, _) = await BuyerWithItemAsync(db);
        var guesser = (await BuyerAsync(db)).Id;
        var code = (await db.SendAsync<TransferCodeResult>(new CreateTransferCodeCommand(giver, tag.Serial))).Code!;

        var wrong = new List<AcceptTransferResult>();
        for (var i = 0; i < ScratchGuessLimits.PerAccountAndTag; i++)
        {
            wrong.Add(await db.SendAsync<AcceptTransferResult>(new AcceptTransferCommand(guesser, tag.Serial, TransferCodes.NewCode(), "10.20.0.3")));
        }

        var right = await db.SendAsync<AcceptTransferResult>(new AcceptTransferCommand(guesser, tag.Serial, code, "10.20.0.3"));
        var typo = await db.SendAsync<AcceptTransferResult>(new AcceptTransferCommand(guesser, tag.Serial, "K7QM-2XRB", "10.20.0.3"));

        wrong.Should().OnlyContain(r => r.Outcome == AcceptTransferOutcome.WrongCode);
        right.Outcome.Should().Be(AcceptTransferOutcome.TooManyWrongCodes);
        right.RetryAt.Should().BeAfter(DateTimeOffset.UtcNow);
        typo.Outcome.Should().Be(AcceptTransferOutcome.MalformedCode, "a code of the wrong shape is no guess");
        await using var context = await CreateAsync(db);
        (await context.Tags.Where(t => t.Id == TagId(db, tag.Serial)).Select(t => t.OwnerMemberId).SingleAsync()).Should().Be(giver);
    }

    [Fact]
    public async Task A_cancelled_or_replaced_code_no_longer_works_and_only_the_owner_can_make_one()
    {
        var (giver, tag, _) = await BuyerWithItemAsync(db);
        var receiver = (await BuyerAsync(db)).Id;
        var stranger = (await BuyerAsync(db)).Id;

        var old = (await db.SendAsync<TransferCodeResult>(new CreateTransferCodeCommand(giver, tag.Serial))).Code;
        var replacement = (await db.SendAsync<TransferCodeResult>(new CreateTransferCodeCommand(giver, tag.Serial))).Code;
        var byOld = await db.SendAsync<AcceptTransferResult>(new AcceptTransferCommand(receiver, tag.Serial, old, "10.20.0.4"));
        (await db.SendAsync<Result>(new CancelTransferCodeCommand(giver, tag.Serial))).Succeeded.Should().BeTrue();
        var byCancelled = await db.SendAsync<AcceptTransferResult>(new AcceptTransferCommand(receiver, tag.Serial, replacement, "10.20.0.4"));
        var strangersCode = await db.SendAsync<TransferCodeResult>(new CreateTransferCodeCommand(stranger, tag.Serial));

        byOld.Outcome.Should().Be(AcceptTransferOutcome.WrongCode);
        byCancelled.Outcome.Should().Be(AcceptTransferOutcome.WrongCode);
        strangersCode.Error.Should().Be("No such item.");
        (await db.SendAsync<ItemProtection>(new GetItemProtectionQuery(giver, tag.Serial))).TransferCodeExpiresAt.Should().BeNull();
    }
}
