using System.Net;
using System.Text.RegularExpressions;
using Club.Application.Features.Registration;
using Club.Application.Features.Sales;
using Club.Domain.Sales;
using Club.Infrastructure.Persistence.DemoData;
using Club.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.Sales;

public partial class SellerAttributionPagesTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task The_seller_card_carries_a_code_in_a_qr_and_a_buyer_names_the_seller_by_it()
    {
        var seller = site.CreateBrowserlessClient();
        await seller.SignInAsync("seller@club.demo");
        var card = await seller.GetStringAsync("/seller/card");
        card.Should().Contain("src=\"data:image/png;base64,");
        var code = SellerCode().Match(card).Groups["code"].Value;
        code.Should().HaveLength(SellerCard.CodeLength);

        var anonymous = site.CreateBrowserlessClient();
        (await anonymous.GetStringAsync($"/S/{code}")).Should().Contain("Мария").And.Contain("/account/sign-in?returnUrl=");
        (await anonymous.GetStringAsync("/S/NOTACODE")).Should().Contain("Эта карточка продавца недействительна");

        var (buyer, email, serial) = await RegisteredItemAsync();
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(email);
        var named = await HtmlForms.SubmitAsync(client, $"/S/{code}", new Dictionary<string, string> { ["item"] = serial });

        named.StatusCode.Should().Be(HttpStatusCode.OK);
        (await named.Content.ReadAsStringAsync()).Should().Contain("Спасибо, продавец записан.");
        (await client.GetStringAsync($"/cabinet/items/{serial}")).Should().Contain("Продавец: Мария");
        var item = await SendAsync<ItemSale?>(new GetItemSaleQuery(buyer, serial));
        item!.State.Should().Be(SaleState.Confirmed);
    }

    [Fact]
    public async Task The_buyer_answers_no_from_the_cabinet_once_and_a_post_without_the_form_token_changes_nothing()
    {
        var (buyer, email, serial) = await RegisteredItemAsync();
        var sellerId = await SellerIdAsync();
        var sale = await SendAsync<RecordSaleResult>(new RecordSaleCommand(sellerId, serial));
        sale.State.Should().Be(SaleState.AwaitingConfirmation);
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(email);
        var cabinet = await client.GetStringAsync("/cabinet");
        cabinet.Should().Contain("Это украшение вам продал продавец Мария").And.Contain($"/cabinet/sales/{sale.SaleId}/answer");
        var answerUrl = $"/cabinet/sales/{sale.SaleId}/answer";

        var forged = await client.PostAsync(answerUrl, new FormUrlEncodedContent(new Dictionary<string, string> { ["answer"] = "no", ["serial"] = serial }));
        forged.IsSuccessStatusCode.Should().BeFalse();
        forged.Headers.Location?.ToString().Should().NotContain("answer=no");

        var fields = HtmlForms.HiddenFields(cabinet);
        fields["answer"] = "no";
        var answered = await client.PostAsync(answerUrl, new FormUrlEncodedContent(fields));
        var again = await client.PostAsync(answerUrl, new FormUrlEncodedContent(fields));

        answered.Headers.Location!.ToString().Should().Be($"/cabinet/items/{serial}?answer=no");
        again.Headers.Location!.ToString().Should().Be($"/cabinet/items/{serial}?answer=closed");
        (await client.GetStringAsync(answered.Headers.Location.ToString())).Should().Contain("Заявка отклонена");
        (await SendAsync<IReadOnlyList<MySale>>(new ListMySalesQuery(sellerId))).Single(s => s.Id == sale.SaleId).State.Should().Be(SaleState.Declined);
        var item = (await SendAsync<ItemSale?>(new GetItemSaleQuery(buyer, serial)))!;
        item.Seller.Should().BeNull("a declined claim no longer holds the item");
        item.Sellers.Should().NotContain(s => s.SellerId == sellerId, "the declined seller cannot be named for it in this cycle");
    }

    [Fact]
    public async Task An_answer_redirected_to_the_cabinet_shows_its_result_at_the_top_and_an_unknown_one_shows_nothing()
    {
        var (_, email, _) = await RegisteredItemAsync();
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(email);

        (await client.GetStringAsync("/cabinet?answer=no")).Should().Contain("Заявка отклонена");
        (await client.GetStringAsync("/cabinet?answer=closed")).Should().Contain("уже");
        var hostile = await client.GetAsync("/cabinet?answer=%3Cscript%3E");
        hostile.StatusCode.Should().Be(HttpStatusCode.OK);
        (await hostile.Content.ReadAsStringAsync()).Should().NotContain("<script>").And.NotContain("Заявка отклонена");
    }

    [Fact]
    public async Task The_rules_page_saves_the_sales_rules_and_bad_numbers_get_a_message()
    {
        var manager = site.CreateBrowserlessClient();
        await manager.SignInAsync("manager@club.demo");

        var bad = await HtmlForms.SubmitAsync(manager, "/manage/points-rules", new Dictionary<string, string>
        {
            ["_handler"] = "sales-policy", ["window"] = "thirty", ["cap"] = "50", ["answer"] = "14",
        });
        var tooLong = await HtmlForms.SubmitAsync(manager, "/manage/points-rules", new Dictionary<string, string>
        {
            ["_handler"] = "sales-policy", ["window"] = "30", ["cap"] = "50", ["answer"] = "400",
        });
        var saved = await HtmlForms.SubmitAsync(manager, "/manage/points-rules", new Dictionary<string, string>
        {
            ["_handler"] = "sales-policy", ["window"] = "30", ["cap"] = "50", ["answer"] = "10",
        });

        (await bad.Content.ReadAsStringAsync()).Should().Contain("Введите целые числа дней и продаж.");
        (await tooLong.Content.ReadAsStringAsync()).Should().Contain("Срок ответа покупателя — от 1 до 90 дней.");
        (await saved.Content.ReadAsStringAsync()).Should().Contain("id=\"answer\"").And.Contain("value=\"10\"");
        (await SendAsync<SalesPolicy>(new GetSalesPolicyQuery())).AnswerDays.Should().Be(10);
        (await SendAsync<Club.Application.Abstractions.Result>(new SaveSalesPolicyCommand("tests", Sale.DefaultWindowDays, Sale.DefaultDailyCap, SalesPolicy.DefaultAnswerDays)))
            .Succeeded.Should().BeTrue();
    }

    /// <summary>A new buyer (demo password) with an item of a batch shipped to the demo seller's partner.</summary>
    private async Task<(Guid Buyer, string Email, string Serial)> RegisteredItemAsync()
    {
        var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, 1, onSale: false);
        var partner = await SendAsync<Club.Application.Features.Members.MyProfile>(new Club.Application.Features.Members.GetMyProfileQuery(await SellerIdAsync()));
        await TestTags.PutOnSaleAsync(site.Services, batchId, partner.PartnerName);
        var (buyer, email) = await TestTags.CreateBuyerAsync(site.Services, DemoAccounts.Password);
        (await SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tags[0].Serial, tags[0].ScratchCode))).Succeeded.Should().BeTrue();
        return (buyer, email, tags[0].Serial);
    }

    private async Task<Guid> SellerIdAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Club.Infrastructure.Identity.ClubUser>>()
            .FindByEmailAsync("seller@club.demo");
        return user!.Id;
    }

    private async Task<T> SendAsync<T>(IMessage request)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (T)(await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request))!;
    }

    [GeneratedRegex("""class="seller-code">(?<code>[0-9A-Z]+)<""")]
    private static partial Regex SellerCode();
}
