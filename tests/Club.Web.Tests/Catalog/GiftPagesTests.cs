using System.Net;
using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Points;
using Club.Infrastructure.Identity;
using Club.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.Catalog;

public class GiftPagesTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Theory]
    [InlineData("/gifts", "buyer@club.demo", "manager@club.demo")]
    [InlineData("/gifts", "seller@club.demo", "partner@club.demo")]
    [InlineData("/cabinet/orders", "buyer@club.demo", "factory@club.demo")]
    [InlineData("/cabinet/orders", "seller@club.demo", "admin@club.demo")]
    [InlineData("/manage/gifts", "manager@club.demo", "buyer@club.demo")]
    [InlineData("/manage/gifts", "admin@club.demo", "seller@club.demo")]
    [InlineData("/manage/gifts", "manager@club.demo", "partner@club.demo")]
    [InlineData("/manage/orders", "manager@club.demo", "factory@club.demo")]
    [InlineData("/manage/orders", "admin@club.demo", "buyer@club.demo")]
    [InlineData("/manage/orders.csv", "manager@club.demo", "seller@club.demo")]
    [InlineData("/manage/orders.csv", "admin@club.demo", "partner@club.demo")]
    public async Task Catalog_pages_open_to_their_roles_only(string path, string allowed, string refused) =>
        await site.AssertOpensOnlyToAsync(path, allowed, refused);

    [Theory]
    [InlineData("/gifts")]
    [InlineData("/cabinet/orders")]
    [InlineData("/manage/orders")]
    [InlineData("/manage/orders.csv")]
    [InlineData("/media/gifts/1/1")]
    public async Task Anonymous_visitors_are_sent_to_sign_in(string path)
    {
        var response = await site.CreateBrowserlessClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/sign-in");
    }

    [Fact]
    public async Task Buyers_see_published_gifts_for_them_but_not_drafts_sellers_gifts_or_partner_gifts()
    {
        var buyer = site.CreateBrowserlessClient();
        await buyer.SignInAsync("buyer@club.demo");
        var seller = site.CreateBrowserlessClient();
        await seller.SignInAsync("seller@club.demo");

        var forBuyer = await buyer.GetStringAsync("/gifts");
        var forSeller = await seller.GetStringAsync("/gifts");

        forBuyer.Should().Contain("Серьги-пусеты «Капля»").And.Contain("Браслет «Волна»")
            .And.NotContain("Брошь «Стрекоза»").And.NotContain("партнёрская серия").And.NotContain("Жемчужина");
        forSeller.Should().Contain("Брошь «Стрекоза»").And.Contain("партнёрская серия").And.NotContain("Браслет «Волна»");
        var partnerGift = await GiftIdAsync("Подвеска «Лазурит» — партнёрская серия");
        (await buyer.GetAsync($"/gifts/{partnerGift}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await seller.GetAsync($"/gifts/{partnerGift}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await buyer.GetAsync("/gifts?max=abc&affordable=maybe")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await buyer.GetAsync("/gifts/999999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_confirmation_form_posted_twice_places_one_order_and_the_manager_sees_it_in_the_csv()
    {
        var buyerId = await IdOfAsync("buyer@club.demo");
        await GiveAsync(buyerId, 1000);
        var gift = await GiftIdAsync("Кулон «Морская звезда»");
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("buyer@club.demo");

        var page = await client.GetStringAsync($"/gifts/{gift}");
        page.Should().Contain("после заказа останется 400");
        var fields = HtmlForms.HiddenFields(page);
        fields["step"] = "confirm";
        fields["delivery"] = "Post";
        fields["address"] = "=HYPERLINK(\"x\") 101000, Москва";
        var first = await client.PostAsync($"/gifts/{gift}", new FormUrlEncodedContent(fields));
        var second = await client.PostAsync($"/gifts/{gift}", new FormUrlEncodedContent(fields));

        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.StatusCode.Should().Be(HttpStatusCode.Redirect);
        second.Headers.Location.Should().Be(first.Headers.Location);
        (await BalanceAsync(buyerId)).Should().Be(400);
        var orders = await client.GetStringAsync(first.Headers.Location!.ToString());
        orders.Should().Contain("Заказ оформлен").And.Contain("Кулон «Морская звезда»").And.Contain("Оформлен");

        var manager = site.CreateBrowserlessClient();
        await manager.SignInAsync("manager@club.demo");
        var csv = await manager.GetAsync("/manage/orders.csv?status=Placed");
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var text = await csv.Content.ReadAsStringAsync();
        text.Should().StartWith("order,placed_at,status").And.Contain("Кулон «Морская звезда»").And.Contain("\"'=HYPERLINK(\"\"x\"\") 101000, Москва\"");
    }

    [Fact]
    public async Task A_member_without_enough_points_gets_no_order_form_and_a_forged_post_orders_nothing()
    {
        var gift = await GiftIdAsync("Кольцо «Лазурь»");
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("seller@club.demo");
        var before = await BalanceAsync(await IdOfAsync("seller@club.demo"));

        var page = await client.GetStringAsync($"/gifts/{gift}");
        page.Should().Contain("для этого подарка нужно ещё");
        var fields = HtmlForms.HiddenFields(page);
        fields["_handler"] = "order";
        fields["key"] = Guid.NewGuid().ToString();
        fields["step"] = "confirm";
        fields["delivery"] = "Post";
        fields["address"] = "Москва";
        var response = await client.PostAsync($"/gifts/{gift}", new FormUrlEncodedContent(fields));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Для этого подарка не хватает баллов.");
        (await BalanceAsync(await IdOfAsync("seller@club.demo"))).Should().Be(before);
    }

    [Fact]
    public async Task A_manager_creates_a_gift_and_refuses_a_photo_that_is_not_a_picture()
    {
        var manager = site.CreateBrowserlessClient();
        await manager.SignInAsync("manager@club.demo");

        var created = await HtmlForms.SubmitAsync(manager, "/manage/gifts?edit=new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Тестовые серьги",
            ["Input.Points"] = "700",
            ["Input.Stock"] = "4",
            ["Input.Audience"] = "Everyone",
            ["Input.State"] = "Published",
        });
        created.StatusCode.Should().Be(HttpStatusCode.OK);
        (await created.Content.ReadAsStringAsync()).Should().Contain("Сохранено.");
        var gift = await GiftIdAsync("Тестовые серьги");

        var page = await manager.GetStringAsync($"/manage/gifts?edit={gift}");
        var upload = new MultipartFormDataContent();
        foreach (var (name, value) in HtmlForms.HiddenFields(page).Where(f => f.Key != "_handler"))
        {
            upload.Add(new StringContent(value), name);
        }

        upload.Add(new StringContent("photo"), "_handler");
        upload.Add(new ByteArrayContent("<svg onload=alert(1)>"u8.ToArray()), "Photo.File", "photo.png");
        var response = await manager.PostAsync($"/manage/gifts?edit={gift}", upload);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Это не изображение JPEG, PNG или WebP.");
        (await manager.GetAsync($"/media/gifts/{gift}/1")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var blank = await HtmlForms.SubmitAsync(manager, "/manage/gifts?edit=new", new Dictionary<string, string> { ["Input.Title"] = "", ["Input.Points"] = "0" });
        blank.StatusCode.Should().Be(HttpStatusCode.OK);
        (await blank.Content.ReadAsStringAsync()).Should().Contain("Укажите название подарка");
        var tooLong = new string('я', Club.Domain.Catalog.Gift.MaxTitleLength + 1);
        var longName = await HtmlForms.SubmitAsync(manager, "/manage/gifts?edit=new", new Dictionary<string, string>
        {
            ["Input.Title"] = tooLong, ["Input.Points"] = "650", ["Input.Stock"] = "3", ["Input.Audience"] = "Everyone", ["Input.State"] = "Draft",
        });
        (await longName.Content.ReadAsStringAsync()).Should().Contain("Укажите название подарка (до 120 символов).")
            .And.Contain($"value=\"{tooLong}\"").And.Contain("value=\"650\"", "the typed values are shown again");
    }

    [Fact]
    public async Task The_order_desk_keeps_the_ticks_and_status_when_a_tracking_number_is_missing_and_ships_with_one()
    {
        var buyer = await TestTags.CreateBuyerAsync(site.Services);
        await GiveAsync(buyer.Id, 1000);
        long orderId;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var placed = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new Club.Application.Features.Catalog.PlaceGiftOrderCommand(
                new Club.Application.Features.Catalog.GiftViewer(buyer.Id, IsBuyer: true, IsSeller: false), await GiftIdAsync("Кулон «Морская звезда»"),
                Guid.NewGuid(), Club.Domain.Catalog.GiftDelivery.Post, "101000, Москва", null));
            orderId = placed.OrderId!.Value;
        }

        var manager = site.CreateBrowserlessClient();
        await manager.SignInAsync("manager@club.demo");
        var confirmed = await DeskAsync(manager, "Placed", orderId, "Confirmed", tracking: null);
        var missing = await DeskAsync(manager, "Confirmed", orderId, "Shipped", tracking: " ");
        var shipped = await DeskAsync(manager, "Confirmed", orderId, "Shipped", tracking: "RA123456785RU");

        confirmed.Should().Contain("Заказы обновлены.");
        missing.Should().Contain($"№{orderId}: ").And.Contain("Укажите трек-номер").And.NotContain("Заказы обновлены.")
            .And.Contain($"name=\"Input.Chosen[{orderId}]\" value=\"true\" checked").And.Contain("<option value=\"Shipped\" selected");
        shipped.Should().Contain("Заказы обновлены.");
        (await manager.GetStringAsync("/manage/orders?status=Shipped")).Should().Contain("RA123456785RU");
    }

    private static async Task<string> DeskAsync(HttpClient client, string status, long orderId, string to, string? tracking)
    {
        var fields = new Dictionary<string, string> { ["_handler"] = "desk", [$"Input.Chosen[{orderId}]"] = "true", ["Input.To"] = to };
        if (tracking is not null)
        {
            fields[$"Input.Tracking[{orderId}]"] = tracking;
        }

        var response = await HtmlForms.SubmitAsync(client, $"/manage/orders?status={status}", fields);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<Guid> IdOfAsync(string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ClubUser>>().FindByEmailAsync(email))!.Id;
    }

    private async Task<int> GiftIdAsync(string title)
    {
        await using var db = await site.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        return await db.Gifts.Where(g => g.Title == title).Select(g => g.Id).SingleAsync();
    }

    private async Task GiveAsync(Guid member, int points)
    {
        await using var db = await site.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        await PointsLedger.PostAsync(db, new PointsPosting(member, points, PointsReason.Correction, PointsLedger.MemberReference, "test", "test:" + Guid.NewGuid()),
            DateTimeOffset.UtcNow, CancellationToken.None);
    }

    private async Task<int> BalanceAsync(Guid member)
    {
        await using var db = await site.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        return await db.PointsBalances.Where(b => b.MemberId == member).Select(b => (int?)b.Balance).SingleOrDefaultAsync() ?? 0;
    }
}
