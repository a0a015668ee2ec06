using System.Net;
using Club.Application.Features.Registration;
using Club.Application.Features.Verification;
using Club.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.Sales;

/// <summary>
/// A seller's phone camera opens a tag's QR link on the scan page: an active seller is offered the sale
/// form with the serial filled in, a seller waiting for activation sees where the account stands (there
/// and on the sale page) instead of a form she cannot use; an item the buyer registered at the till is still
/// hers to record, not a copied tag. A visitor is promised the whole newcomer offer.
/// </summary>
public class SellerOnTheScanPageTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task An_active_seller_on_a_tag_is_offered_to_record_the_sale_with_the_serial_filled_in()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var seller = site.CreateBrowserlessClient();
        await seller.SignInAsync("seller@club.demo");

        var scan = await seller.GetStringAsync($"/T/{tag.Serial}");

        scan.Should().Contain("Записать продажу").And.Contain($"href=\"/seller/sales?serial={tag.Serial}\"")
            .And.NotContain("Регистрировать изделия могут только покупатели");
        var form = await seller.GetStringAsync($"/seller/sales?serial={tag.Serial}");
        form.Should().Contain($"value=\"{tag.Serial}\"");

        var recorded = await HtmlForms.SubmitAsync(seller, $"/seller/sales?serial={tag.Serial}", new Dictionary<string, string> { ["_handler"] = "record-sale", ["Input.Serial"] = tag.Serial });
        var page = await recorded.Content.ReadAsStringAsync();
        page.Should().Contain($"<code>{tag.Serial}</code>", "each sale shows its tag's serial, so two sales of one product tell apart")
            .And.Contain("Кольцо");
    }

    [Fact]
    public async Task An_active_seller_on_an_item_the_buyer_has_just_registered_is_offered_the_sale_not_a_copy_warning()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var (buyer, _) = await TestTags.CreateBuyerAsync(site.Services);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterItemCommand(buyer, tag.Serial, tag.ScratchCode))).Succeeded.Should().BeTrue();
        }

        var seller = site.CreateBrowserlessClient();
        await seller.SignInAsync("seller@club.demo");

        var scan = await seller.GetStringAsync($"/T/{tag.Serial}");
        scan.Should().Contain("Покупатель уже зарегистрировал это изделие").And.Contain($"href=\"/seller/sales?serial={tag.Serial}\"")
            .And.NotContain("бирка могла быть скопирована").And.NotContain("id=\"report\"");
        var recorded = await HtmlForms.SubmitAsync(seller, $"/seller/sales?serial={tag.Serial}", new Dictionary<string, string> { ["_handler"] = "record-sale", ["Input.Serial"] = tag.Serial });
        (await recorded.Content.ReadAsStringAsync()).Should().Contain("Продажа записана");
        (await seller.GetStringAsync($"/T/{tag.Serial}")).Should().Contain("Вы уже записали эту продажу")
            .And.NotContain("бирка могла быть скопирована").And.NotContain($"href=\"/seller/sales?serial={tag.Serial}\"");
        (await site.CreateBrowserlessClient().GetStringAsync($"/T/{tag.Serial}")).Should().Contain("бирка могла быть скопирована", "anyone else is still warned");
    }

    [Fact]
    public async Task A_pending_seller_sees_her_status_instead_of_the_sale_form_and_on_a_tag()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var seller = await PendingSellerAsync("pending.scan@example.com");

        var sales = await seller.GetStringAsync("/seller/sales");
        sales.Should().Contain("Аккаунт продавца ждёт активации").And.NotContain("id=\"record-sale\"");
        var scan = await seller.GetStringAsync($"/T/{tag.Serial}");
        scan.Should().Contain("Аккаунт продавца ждёт активации").And.NotContain("/seller/sales?serial=")
            .And.NotContain("Регистрировать изделия могут только покупатели");
    }

    [Fact]
    public async Task A_visitor_is_promised_the_item_points_and_the_first_item_bonus_together()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        ScanVerdict offer;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            offer = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ScanTagCommand(tag.Serial, null, Log: false));
        }

        var page = WebUtility.HtmlDecode(await site.CreateBrowserlessClient().GetStringAsync($"/T/{tag.Serial}"));

        offer.Product!.FirstItemBonus.Should().BePositive("the demo rules pay a first-item bonus");
        page.Should().Contain($"Зарегистрируйте изделие и получите {offer.Product.Points + offer.Product.FirstItemBonus} балл")
            .And.Contain($"Из них {offer.Product.FirstItemBonus} балл").And.Contain("— бонус за первое изделие.");
    }

    /// <summary>A seller who signed up and confirmed her email, waiting for the program manager's call.</summary>
    private async Task<HttpClient> PendingSellerAsync(string email)
    {
        var seller = site.CreateBrowserlessClient();
        await seller.SignUpAsSellerAsync("Вера Ожидающая", "+7 916 555-31-17", email, "vera-pass-19");
        var confirmed = await HtmlForms.SubmitAsync(seller, await TestMail.SignUpLinkAsync(site.MailFolder, email), new Dictionary<string, string> { ["Password"] = "vera-pass-19" });
        confirmed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return seller;
    }
}
