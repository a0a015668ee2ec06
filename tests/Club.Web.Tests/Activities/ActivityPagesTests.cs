using System.Net;
using Club.Domain.Activities;
using Club.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Club.Application.Features.SocialClaims;

namespace Club.Web.Tests.Activities;

public class ActivityPagesTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    public static TheoryData<string, string> OutsidersOfManagerPages => new()
    {
        { "buyer@club.demo", "/manage/activities" },
        { "seller@club.demo", "/manage/social-claims" },
        { "seller@club.demo", "/manage/surveys" },
        { "factory@club.demo", "/manage/contests" },
        { "buyer@club.demo", "/manage/promotions" },
        { "buyer@club.demo", "/manage/surveys/1" },
        { "seller@club.demo", "/manage/contests/1" },
        { "partner@club.demo", "/activities" },
        { "manager@club.demo", "/activities" },
    };

    [Theory]
    [MemberData(nameof(OutsidersOfManagerPages))]
    public async Task Pages_refuse_other_roles(string email, string url)
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(email);

        var response = await client.GetAsync(url);

        response.Headers.Location!.ToString().Should().Contain("/account/access-denied");
    }

    [Fact]
    public async Task A_partner_manager_opens_the_survey_pages_but_not_a_brand_survey()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("partner@club.demo");

        var list = await client.GetAsync("/manage/surveys");
        var brandSurvey = await client.GetAsync("/manage/surveys/1");

        list.StatusCode.Should().Be(HttpStatusCode.OK);
        (await brandSurvey.Content.ReadAsStringAsync()).Should().NotContain("Оцените качество изделия");
    }

    [Fact]
    public async Task The_answers_export_is_for_brand_staff_only()
    {
        var buyer = site.CreateBrowserlessClient();
        await buyer.SignInAsync("partner@club.demo");
        var manager = site.CreateBrowserlessClient();
        await manager.SignInAsync("manager@club.demo");

        var refused = await buyer.GetAsync("/manage/surveys/1/answers.csv");
        var csv = await manager.GetAsync("/manage/surveys/1/answers.csv");
        var missing = await manager.GetAsync("/manage/surveys/999999/answers.csv");

        refused.StatusCode.Should().NotBe(HttpStatusCode.OK);
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        (await csv.Content.ReadAsStringAsync()).Should().Contain("Оцените качество изделия");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_manager_saves_the_amounts_and_a_bad_link_gets_a_message_and_changes_nothing()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("manager@club.demo");

        // A browser posts every field; the links are posted as they are, so they stay.
        var saved = await HtmlForms.SubmitAsync(client, "/manage/activities", new Dictionary<string, string>
        {
            ["Input.BuyerSocial"] = "75", ["Input.Links.Vk"] = "https://vk.com/aquamarine_club", ["Input.Links.Instagram"] = "https://instagram.com/aquamarine_club",
        });
        var refused = await HtmlForms.SubmitAsync(client, "/manage/activities", new Dictionary<string, string>
        {
            ["Input.BuyerSocial"] = "80", ["Input.Links.Vk"] = "javascript:alert(1)", ["Input.Links.Instagram"] = "https://instagram.com/aquamarine_club",
        });
        var nonsense = await HtmlForms.SubmitAsync(client, "/manage/activities", new Dictionary<string, string> { ["Input.SellerSocial"] = new string('9', 5000) });

        (await saved.Content.ReadAsStringAsync()).Should().Contain("Сохранено.").And.Contain("value=\"75\"");
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Ссылка должна быть полным адресом").And.NotContain("javascript:");
        nonsense.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await client.GetStringAsync("/manage/activities");
        page.Should().Contain("value=\"75\"").And.Contain("https://vk.com/aquamarine_club");
    }

    [Fact]
    public async Task A_survey_with_unreadable_dates_or_points_is_explained_and_keeps_what_was_typed()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("manager@club.demo");

        var dates = await HtmlForms.SubmitAsync(client, "/manage/surveys", new Dictionary<string, string>
        {
            ["_handler"] = "new-survey", ["Survey.Title"] = "Опрос без дат", ["Survey.Target"] = "Sellers", ["Survey.Opens"] = "завтра", ["Survey.Points"] = "30",
        });
        var points = await HtmlForms.SubmitAsync(client, "/manage/surveys", new Dictionary<string, string>
        {
            ["_handler"] = "new-survey", ["Survey.Title"] = "Опрос без баллов", ["Survey.Target"] = "Buyers",
            ["Survey.Opens"] = "2026-01-01", ["Survey.Closes"] = "2036-01-01", ["Survey.Points"] = "много",
        });

        dates.StatusCode.Should().Be(HttpStatusCode.OK);
        (await dates.Content.ReadAsStringAsync()).Should().Contain("Укажите даты").And.Contain("value=\"Опрос без дат\"").And.Contain("<option value=\"Sellers\" selected");
        (await points.Content.ReadAsStringAsync()).Should().Contain("Баллы — целые числа от 0 до 100 000.").And.Contain("value=\"много\"").And.Contain("value=\"2036-01-01\"");
        (await client.GetStringAsync("/manage/surveys")).Should().NotContain("Опрос без дат").And.NotContain("Опрос без баллов");
    }

    [Fact]
    public async Task A_manager_creates_a_survey_and_adds_a_question()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("manager@club.demo");

        var created = await HtmlForms.SubmitAsync(client, "/manage/surveys", new Dictionary<string, string>
        {
            ["_handler"] = "new-survey", ["Survey.Title"] = "Опрос из теста", ["Survey.Target"] = "Sellers",
            ["Survey.Opens"] = "2026-01-01", ["Survey.Closes"] = "2036-01-01", ["Survey.Points"] = "30",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var editor = created.Headers.Location!.ToString();
        var added = await HtmlForms.SubmitAsync(client, editor, new Dictionary<string, string>
        {
            ["_handler"] = "add-question", ["Question.Text"] = "Удобно ли регистрировать продажи?", ["Question.Kind"] = "Rating", ["Question.Required"] = "true",
        });
        var bad = await HtmlForms.SubmitAsync(client, editor, new Dictionary<string, string>
        {
            ["_handler"] = "add-question", ["Question.Text"] = "Один вариант", ["Question.Kind"] = "SingleChoice", ["Question.Options"] = "только один",
        });

        (await added.Content.ReadAsStringAsync()).Should().Contain("Удобно ли регистрировать продажи?");
        (await bad.Content.ReadAsStringAsync()).Should().Contain("нужны хотя бы два варианта")
            .And.Contain("value=\"Один вариант\"").And.Contain("<option value=\"SingleChoice\" selected").And.Contain(">только один</textarea>");
        var seller = site.CreateBrowserlessClient();
        await seller.SignInAsync("seller@club.demo");
        (await seller.GetStringAsync("/activities")).Should().Contain("Опрос из теста");
    }

    [Fact]
    public async Task A_buyer_sees_the_survey_contest_promotion_and_subscriptions_and_enters_the_contest_once()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("buyer@club.demo");

        var page = await client.GetStringAsync("/activities");
        page.Should().Contain("Как вам наши украшения?").And.Contain("Фото с любимым украшением").And.Contain("Северное сияние ×1.5")
            .And.Contain("ВКонтакте").And.NotContain("Одноклассники");
        var handler = System.Text.RegularExpressions.Regex.Match(page, "value=\"(contest-\\d+)\"").Groups[1].Value;
        var fields = HtmlForms.HiddenFields(page);
        fields["_handler"] = handler;

        var first = await client.PostAsync("/activities", new FormUrlEncodedContent(fields));
        var again = await client.PostAsync("/activities", new FormUrlEncodedContent(fields));

        (await first.Content.ReadAsStringAsync()).Should().Contain("Вы участвуете.");
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).Should().Contain("Вы уже участвуете в этом конкурсе.");
    }

    [Fact]
    public async Task A_bad_phone_code_or_an_overlong_network_name_is_explained_on_the_whole_page_with_the_typed_value()
    {
        var buyer = await TestTags.CreateBuyerAsync(site.Services);
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(buyer.Email, "buyer-pass-1");

        var code = await HtmlForms.SubmitAsync(client, "/activities", new Dictionary<string, string> { ["_handler"] = "confirm-phone", ["Input.Code"] = "12ab" });
        var handle = await HtmlForms.SubmitAsync(client, "/activities", new Dictionary<string, string>
        {
            ["_handler"] = "social-Vk", ["Input.Handle"] = new string('x', Club.Domain.Activities.SocialClaim.MaxHandleLength + 1),
        });

        var codePage = await code.Content.ReadAsStringAsync();
        codePage.Should().Contain("Код состоит из 6 цифр.").And.Contain("Заработать баллы").And.Contain("id=\"code\" name=\"Input.Code\"").And.Contain("value=\"12ab\"").And.Contain("</html>");
        var handlePage = await handle.Content.ReadAsStringAsync();
        handlePage.Should().Contain("Имя в соцсети слишком длинное.").And.Contain("Заработать баллы").And.Contain($"value=\"{new string('x', Club.Domain.Activities.SocialClaim.MaxHandleLength + 1)}\"");
        var good = await HtmlForms.SubmitAsync(client, "/activities", new Dictionary<string, string> { ["_handler"] = "social-Vk", ["Input.Handle"] = "@fresh" });
        (await good.Content.ReadAsStringAsync()).Should().Contain("Спасибо! Заявка принята.").And.NotContain("value=\"@fresh\"");
    }

    [Fact]
    public async Task A_decision_without_a_pressed_button_is_explained_and_a_pressed_one_is_saved()
    {
        var buyer = await TestTags.CreateBuyerAsync(site.Services);
        long claimId;
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            (await mediator.Send(new ClaimSocialSubscriptionCommand(buyer.Id, SocialNetwork.Vk, "@undecided"))).Succeeded.Should().BeTrue();
            claimId = (await mediator.Send(new ListSocialClaimsQuery())).Single(c => c.Handle == "@undecided").Id;
        }

        var manager = site.CreateBrowserlessClient();
        await manager.SignInAsync("manager@club.demo");
        var none = await HtmlForms.SubmitAsync(manager, "/manage/social-claims", new Dictionary<string, string> { ["_handler"] = $"decide-{claimId}" });
        var approved = await HtmlForms.SubmitAsync(manager, "/manage/social-claims", new Dictionary<string, string> { ["_handler"] = $"decide-{claimId}", ["Input.Verdict"] = "approve" });

        (await none.Content.ReadAsStringAsync()).Should().Contain("Нажмите «Одобрить» или «Отклонить».").And.Contain($"id=\"claim-{claimId}\"");
        (await approved.Content.ReadAsStringAsync()).Should().Contain("Сохранено.").And.NotContain($"id=\"claim-{claimId}\"");
    }

    [Fact]
    public async Task A_rejected_subscription_claim_can_be_made_again_from_the_page()
    {
        // VK: the one network whose link no other test of this class takes away.
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("buyer@club.demo");
        var fields = HtmlForms.HiddenFields(await client.GetStringAsync("/activities"));
        fields["_handler"] = "social-Vk";
        fields["Input.Handle"] = "@buyer";
        (await (await client.PostAsync("/activities", new FormUrlEncodedContent(fields))).Content.ReadAsStringAsync())
            .Should().Contain("Спасибо! Заявка принята.");
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var claim = (await mediator.Send(new ListSocialClaimsQuery())).Single(c => c.Network == SocialNetwork.Vk && c.Handle == "@buyer");
            (await mediator.Send(new DecideSocialClaimCommand(claim.Id, Approve: false, "test"))).Succeeded.Should().BeTrue();
        }

        var rejected = await client.GetStringAsync("/activities");
        var again = await client.PostAsync("/activities", new FormUrlEncodedContent(fields));
        var pending = await client.GetStringAsync("/activities");

        rejected.Should().Contain("Отклонено: подпишитесь с аккаунта, который укажете, и отправьте заявку снова.");
        (await again.Content.ReadAsStringAsync()).Should().Contain("Спасибо! Заявка принята.");
        pending.Should().Contain("Ждёт проверки").And.NotContain("Отклонено:");
    }

    [Fact]
    public async Task A_manager_creates_a_contest_and_a_promotion_and_bad_numbers_get_a_message()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("manager@club.demo");

        var contest = await HtmlForms.SubmitAsync(client, "/manage/contests", new Dictionary<string, string>
        {
            ["_handler"] = "new-contest", ["Input.Title"] = "Конкурс из теста", ["Input.Starts"] = "2026-01-01", ["Input.Ends"] = "2036-01-01",
            ["Input.Entry"] = "5", ["Input.Winner"] = "100", ["Input.Kind"] = "Join", ["Input.Selection"] = "Staff", ["Input.Winners"] = "1",
        });
        var badContest = await HtmlForms.SubmitAsync(client, "/manage/contests", new Dictionary<string, string>
        {
            ["_handler"] = "new-contest", ["Input.Title"] = "Без баллов", ["Input.Starts"] = "2026-01-01", ["Input.Ends"] = "2036-01-01", ["Input.Entry"] = "много",
        });
        var promotion = await HtmlForms.SubmitAsync(client, "/manage/promotions", new Dictionary<string, string>
        {
            ["_handler"] = "new-promotion", ["Input.Title"] = "Акция из теста", ["Input.Starts"] = "2026-01-01", ["Input.Ends"] = "2036-01-01",
            ["Input.Extra"] = "10", ["Input.Multiplier"] = "1,5",
        });
        var badPromotion = await HtmlForms.SubmitAsync(client, "/manage/promotions", new Dictionary<string, string>
        {
            ["_handler"] = "new-promotion", ["Input.Title"] = "Без множителя", ["Input.Starts"] = "2026-01-01", ["Input.Ends"] = "2036-01-01",
            ["Input.Multiplier"] = "abc",
        });

        (await contest.Content.ReadAsStringAsync()).Should().Contain("Сохранено.").And.Contain("Конкурс из теста");
        (await badContest.Content.ReadAsStringAsync()).Should().Contain("Баллы — целые числа от 0 до 100 000.").And.NotContain("Без баллов");
        (await promotion.Content.ReadAsStringAsync()).Should().Contain("Сохранено.").And.Contain("Акция из теста");
        (await badPromotion.Content.ReadAsStringAsync()).Should().Contain("Множитель — число от 1 до 10, не больше двух знаков после запятой.")
            .And.NotContain("Без множителя");
    }
}
