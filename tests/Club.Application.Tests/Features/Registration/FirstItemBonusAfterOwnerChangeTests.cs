using Club.Application.Abstractions;
using Club.Application.Features.Registration;
using Club.Application.Features.Verification;
using Club.Testing;
using static Club.Application.Tests.Features.Registration.ItemDeskSupport;

namespace Club.Application.Tests.Features.Registration;

/// <summary>
/// The first-item bonus is paid once per member, ever: owner changes (reassign, transfer, return) decide
/// nothing about it, and the scan page offers exactly what the registration then pays.
/// </summary>
public class FirstItemBonusAfterOwnerChangeTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static readonly string Templates = RepositoryRoot.Combine("samples", "labels");

    [Fact]
    public async Task A_giver_left_without_items_after_a_reassign_is_not_promised_a_bonus_he_would_not_be_paid()
    {
        var (giver, tag, _) = await BuyerWithItemAsync(db);
        var (_, wifeEmail) = await BuyerAsync(db);
        var staff = (await BuyerAsync(db)).Id;
        var bonus = await FirstItemBonusAsync(db, giver);
        bonus.Should().BePositive("the demo rules pay a first-item bonus");
        (await db.SendAsync<Result>(new ReassignItemCommand(tag.Serial, wifeEmail, "A gift to his wife", false, staff))).Succeeded.Should().BeTrue();

        var (offered, paid) = await OfferedAndPaidAsync(giver);

        offered.Should().Be(0, "he was paid his first-item bonus with the item he gave away");
        paid.Should().Be(offered);
        (await FirstItemBonusAsync(db, giver)).Should().Be(bonus);
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_receiver_of_a_transfer_who_later_registers_her_own_first_item_is_offered_and_paid_the_bonus()
    {
        var (giver, tag, _) = await BuyerWithItemAsync(db);
        var (receiver, _) = await BuyerAsync(db);
        var code = await db.SendAsync<TransferCodeResult>(new CreateTransferCodeCommand(giver, tag.Serial));
        (await db.SendAsync<AcceptTransferResult>(new AcceptTransferCommand(receiver, tag.Serial, code.Code, "10.30.0.1")))
            .Outcome.Should().Be(AcceptTransferOutcome.Transferred);

        var (offered, paid) = await OfferedAndPaidAsync(receiver);

        offered.Should().Be(await FirstItemBonusAsync(db, giver), "she owns a received item, but was never paid a first-item bonus");
        offered.Should().BePositive();
        paid.Should().Be(offered);
        (await FirstItemBonusAsync(db, receiver)).Should().Be(offered);
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_member_whose_first_item_went_back_to_the_shop_is_not_offered_the_bonus_again()
    {
        var (buyer, tag, _) = await BuyerWithItemAsync(db);
        var staff = (await BuyerAsync(db)).Id;
        (await db.SendAsync<ReturnItemResult>(new ReturnItemCommand(tag.Serial, "Returned to the shop", staff, Templates))).Error.Should().BeNull();

        var (offered, paid) = await OfferedAndPaidAsync(buyer);

        offered.Should().Be(0, "the return took the bonus back, and it is paid once per member");
        paid.Should().Be(offered);
        (await InvariantBreachesAsync(db)).Should().BeEmpty();
    }

    /// <summary>A new item the member scans (signed in) and then registers: the bonus the page offered and the one paid.</summary>
    private async Task<(int Offered, int Paid)> OfferedAndPaidAsync(Guid member)
    {
        var (_, tags) = await TestTags.CreateBatchAsync(db.Services, 1);
        var scan = await db.SendAsync<ScanVerdict>(new ScanTagCommand(tags[0].Serial, member, Log: false));
        var registered = await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(member, tags[0].Serial, tags[0].ScratchCode));
        registered.Outcome.Should().Be(RegistrationOutcome.Registered);
        return (scan.Product!.FirstItemBonus, registered.Bonus);
    }
}
