using Club.Application.Abstractions;
using Club.Application.Features.Registration;
using Club.Application.Features.Verification;
using Club.Domain.Tags;
using Club.Testing;
using static Club.Application.Tests.Features.Registration.ItemDeskSupport;

namespace Club.Application.Tests.Features.Registration;

public class ItemLossTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_stolen_item_warns_whoever_scans_it_without_owner_data_until_the_owner_clears_it()
    {
        var (owner, tag, _) = await BuyerWithItemAsync(db);
        var stranger = (await BuyerAsync(db)).Id;

        var reported = await db.SendAsync<Result>(new ReportItemLostCommand(owner, tag.Serial, ItemLossKind.Stolen, new DateOnly(2026, 11, 28), "КУСП-1234"));
        var again = await db.SendAsync<Result>(new ReportItemLostCommand(owner, tag.Serial, ItemLossKind.Lost, new DateOnly(2026, 11, 29), null));
        var seen = await db.SendAsync<ScanVerdict>(new ScanTagCommand(tag.Serial, stranger, Log: false));
        var anonymous = await db.SendAsync<ScanVerdict>(new ScanTagCommand(tag.Serial, null, Log: false));
        var protection = await db.SendAsync<ItemProtection>(new GetItemProtectionQuery(owner, tag.Serial));
        var lost = await db.SendAsync<IReadOnlyList<LostItem>>(new ListLostItemsQuery(await Verification.BrandProtectionSupport.ManagerAsync(db)));
        (await db.SendAsync<Result>(new ClearItemLossCommand(owner, tag.Serial))).Succeeded.Should().BeTrue();
        var afterClear = await db.SendAsync<ScanVerdict>(new ScanTagCommand(tag.Serial, stranger, Log: false));

        reported.Succeeded.Should().BeTrue();
        again.Succeeded.Should().BeTrue("a second report finds the first standing");
        seen.ReportedLost.Should().BeTrue();
        anonymous.ReportedLost.Should().BeTrue();
        seen.Contact.Should().NotBeNull("the warning says to contact the club");
        protection.Loss.Should().BeEquivalentTo(new { Kind = ItemLossKind.Stolen, LostOn = new DateOnly(2026, 11, 28), PoliceReport = "КУСП-1234" });
        lost.Should().ContainSingle(l => l.Serial == tag.Serial).Which.Kind.Should().Be(ItemLossKind.Stolen);
        afterClear.ReportedLost.Should().BeFalse();
    }

    [Fact]
    public async Task Reporting_a_loss_cancels_the_open_transfer_code_and_no_code_is_made_while_it_stands()
    {
        var (owner, tag, _) = await BuyerWithItemAsync(db);
        var receiver = (await BuyerAsync(db)).Id;
        var code = (await db.SendAsync<TransferCodeResult>(new CreateTransferCodeCommand(owner, tag.Serial))).Code;

        await db.SendAsync<Result>(new ReportItemLostCommand(owner, tag.Serial, ItemLossKind.Lost, new DateOnly(2026, 11, 28), null));
        var accepted = await db.SendAsync<AcceptTransferResult>(new AcceptTransferCommand(receiver, tag.Serial, code, "10.21.0.1"));
        var refused = await db.SendAsync<TransferCodeResult>(new CreateTransferCodeCommand(owner, tag.Serial));

        accepted.Outcome.Should().Be(AcceptTransferOutcome.WrongCode);
        refused.Error.Should().Be("The item is reported lost or stolen. Clear the report first if you have it back.");
    }

    [Theory]
    [InlineData(null, null, "Enter the date it was lost or stolen.")]
    [InlineData("2999-01-01", null, "The date cannot be in the future.")]
    public async Task Bad_input_gets_a_message_and_reports_nothing(string? on, string? police, string message)
    {
        var (owner, tag, _) = await BuyerWithItemAsync(db);

        var result = await db.SendAsync<Result>(new ReportItemLostCommand(owner, tag.Serial, ItemLossKind.Lost,
            on is null ? null : DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), police));

        result.Errors.Select(e => e.ErrorMessage).Should().Equal(message);
        (await db.SendAsync<ItemProtection>(new GetItemProtectionQuery(owner, tag.Serial))).Loss.Should().BeNull();
    }

    [Fact]
    public async Task Only_the_owner_can_report_their_item()
    {
        var (_, tag, _) = await BuyerWithItemAsync(db);
        var stranger = (await BuyerAsync(db)).Id;

        var result = await db.SendAsync<Result>(new ReportItemLostCommand(stranger, tag.Serial, ItemLossKind.Stolen, new DateOnly(2026, 11, 28), null));

        result.Errors.Select(e => e.ErrorMessage).Should().Equal("No such item.");
        (await db.SendAsync<ScanVerdict>(new ScanTagCommand(tag.Serial, stranger, Log: false))).ReportedLost.Should().BeFalse();
    }
}
