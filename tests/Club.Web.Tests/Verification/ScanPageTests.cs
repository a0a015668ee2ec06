using System.Net;
using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Application.Features.Registration;
using Club.Application.Features.Tags;
using Club.Application.Features.Verification;
using Club.Domain.Tags;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.Verification;

public class ScanPageTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task A_visitor_sees_a_genuine_unregistered_item_with_its_product_and_ways_to_join_and_come_back()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var client = site.CreateBrowserlessClient();

        var response = await client.GetAsync($"/T/{tag.Serial}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("Подлинное изделие").And.Contain("Кольцо").And.Contain("/media/products/AQ-SEA-R01.svg")
            .And.Contain("Эту бирку проверяли 1 раз")
            .And.Contain($"/account/sign-up?returnUrl=%2FT%2F{tag.Serial}")
            .And.Contain($"/account/sign-in?returnUrl=%2FT%2F{tag.Serial}")
            .And.NotContain("<script", "the scan page works without scripts");
        page.Should().NotContain("name=\"code\"", "only a signed-in buyer gets the registration form");
    }

    [Fact]
    public async Task In_english_the_scan_page_shows_the_english_product_name_and_falls_back_to_the_russian_one()
    {
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new Club.Application.Features.Products.SaveProductCommand(
                null, null, "T-SCAN-EN", "Кольцо «Рассвет»", "Dawn ring", "Классика", "Ring", "Серебро 925", null, null, null, true));
            saved.Saved.Should().BeTrue();
        }

        var english = (await TestTags.CreateBatchAsync(site.Services, 1, "T-SCAN-EN")).Tags[0];
        var russianOnly = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var client = site.CreateBrowserlessClient();

        var page = await client.GetStringAsync($"/T/{english.Serial}?culture=en");
        var fallback = await client.GetStringAsync($"/T/{russianOnly.Serial}?culture=en");
        var russian = await client.GetStringAsync($"/T/{english.Serial}?culture=ru");

        page.Should().Contain("<h2>Dawn ring</h2>").And.NotContain("Рассвет");
        fallback.Should().Contain("<h2 lang=\"ru\">Кольцо «Волна»</h2>");
        russian.Should().Contain("<h2>Кольцо «Рассвет»</h2>");
    }

    [Fact]
    public async Task The_route_and_the_serial_are_case_insensitive_and_every_view_is_counted()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var client = site.CreateBrowserlessClient();

        await client.GetStringAsync($"/T/{tag.Serial}");
        var page = await client.GetStringAsync($"/t/{tag.Serial.ToLowerInvariant()}");

        page.Should().Contain("Подлинное изделие").And.Contain("Эту бирку проверяли 2 раза").And.Contain(tag.Serial);
        await site.Services.GetRequiredService<IScanLog>().FlushAsync();
        (await client.GetStringAsync($"/T/{tag.Serial}")).Should().Contain("Эту бирку проверяли 3 раза", "written views and queued ones add up");
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        var scans = await db.TagScans.OrderByDescending(s => s.Id).Take(2).ToListAsync();
        scans.Should().OnlyContain(s => s.ClientHash.Length == 16 && s.MemberId == null);
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("0000000000000")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("%D0%96%D0%96%D0%96")]
    public async Task Anything_that_is_not_our_serial_reads_as_not_genuine(string serial)
    {
        var client = site.CreateBrowserlessClient();

        var response = await client.GetAsync($"/T/{serial}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        page.Should().Contain("Бирка не подлинная").And.Contain("может быть подделкой").And.NotContain("<script>alert");
    }

    [Fact]
    public async Task A_serial_with_a_wrong_check_character_reads_as_not_genuine()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var altered = tag.Serial[..^1] + (tag.Serial[^1] == 'A' ? 'B' : 'A');

        var page = await site.CreateBrowserlessClient().GetStringAsync($"/T/{altered}");

        page.Should().Contain("Бирка не подлинная");
    }

    [Fact]
    public async Task A_signed_in_buyer_registers_on_the_page_typos_and_wrong_codes_are_explained()
    {
        var tags = (await TestTags.CreateBatchAsync(site.Services, 2)).Tags;
        var buyer = await TestTags.CreateBuyerAsync(site.Services);
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(buyer.Email, "buyer-pass-1");
        var code = tags[0].ScratchCode.Replace("-", "", StringComparison.Ordinal);

        var form = await client.GetStringAsync($"/T/{tags[0].Serial}");
        var typo = await PostCodeAsync(client, tags[0].Serial, code[..^1] + (code[^1] == 'A' ? 'B' : 'A'));
        var wrong = await PostCodeAsync(client, tags[0].Serial, tags[1].ScratchCode);
        var right = await PostCodeAsync(client, tags[0].Serial, code.ToLowerInvariant());
        var after = await client.GetStringAsync($"/T/{tags[0].Serial}");

        form.Should().Contain("Из них 300 баллов — бонус за первое изделие.", "a buyer with no item yet is promised the bonus");
        typo.Should().Contain("Похоже, в коде опечатка");
        wrong.Should().Contain("Код не подходит к этой бирке.").And.Contain("Сегодня осталось 4 попытки");
        right.Should().Contain("Изделие зарегистрировано на вас.").And.Contain("Вам начислено 450 баллов.")
            .And.Contain("Из них 300 баллов — бонус за первое изделие.");
        after.Should().Contain("Подлинное, зарегистрировано на вас").And.Contain($"/cabinet/items/{tags[0].Serial}");
    }

    [Fact]
    public async Task Another_member_sees_the_date_a_copy_warning_and_can_report_it_to_program_managers()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var owner = await TestTags.CreateBuyerAsync(site.Services);
        await SendAsync(new RegisterItemCommand(owner.Id, tag.Serial, tag.ScratchCode));
        var client = site.CreateBrowserlessClient();

        var page = await client.GetStringAsync($"/T/{tag.Serial}");
        var report = await HtmlForms.SubmitAsync(client, $"/T/{tag.Serial}", new Dictionary<string, string>
        {
            ["message"] = "Купила вчера в ТЦ, а бирка уже зарегистрирована <b>кем-то</b>",
            ["contact"] = "anna@example.com",
        });

        page.Should().Contain("Подлинное, но уже зарегистрировано").And.Contain("бирка могла быть скопирована")
            .And.Contain(site.Services.GetRequiredService<PointsSettings>().Today(DateTimeOffset.UtcNow).ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture))
            .And.NotContain(owner.Email).And.NotContain("Покупатель");
        (await report.Content.ReadAsStringAsync()).Should().Contain("Спасибо. Клуб разберётся.");
        var reports = await SendAsync<IReadOnlyList<TagReportItem>>(new ListTagReportsQuery(await ManagerIdAsync()));
        reports.Should().Contain(r => r.Serial == tag.Serial && r.Contact == "anna@example.com" && r.Message.Contains("<b>кем-то</b>"));
    }

    [Fact]
    public async Task A_serial_that_is_no_tag_gets_a_report_form_with_where_it_was_bought_and_a_photo()
    {
        var serial = "FAKE" + Random.Shared.Next(100_000, 999_999);
        var client = site.CreateBrowserlessClient();

        var page = await client.GetStringAsync($"/T/{serial}");
        var badPrice = await PostReportAsync(client, serial, page, "дорого");
        var sent = await PostReportAsync(client, serial, page, "4 990,50");

        page.Should().Contain("Сообщить о подделке").And.Contain("multipart/form-data").And.NotContain("<script");
        (await badPrice.Content.ReadAsStringAsync()).Should().Contain("Укажите цену покупки в рублях.");
        (await sent.Content.ReadAsStringAsync()).Should().Contain("Спасибо. Клуб разберётся.");
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        var report = await db.TagReports.SingleAsync(r => r.UnknownSerial == serial);
        report.Should().BeEquivalentTo(new { BoughtWhere = "Рынок", BoughtOn = (DateOnly?)new DateOnly(2026, 11, 30), PricePaid = (decimal?)4990.50m });
        (await db.TagReportPhotos.AnyAsync(p => p.ReportId == report.Id)).Should().BeTrue();
    }

    private static async Task<HttpResponseMessage> PostReportAsync(HttpClient client, string serial, string page, string price)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in HtmlForms.HiddenFields(page))
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new StringContent("Купила на рынке, бирка не проверяется"), "message");
        form.Add(new StringContent("Рынок"), "where");
        form.Add(new StringContent("2026-11-30"), "on");
        form.Add(new StringContent(price), "price");
        form.Add(new ByteArrayContent(TestImages.Png()), "photo", "label.png");
        return await client.PostAsync($"/T/{serial}", form);
    }

    [Fact]
    public async Task Voided_tags_say_so_and_a_tag_under_attack_tells_its_owner_what_to_do()
    {
        var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, 2);
        await SendAsync(new VoidTagsCommand(batchId, [tags[0].Serial]));
        var attacker = await TestTags.CreateBuyerAsync(site.Services);
        for (var i = 0; i < ScratchGuessLimits.PerAccountAndTag; i++)
        {
            await SendAsync(new RegisterItemCommand(attacker.Id, tags[1].Serial, tags[0].ScratchCode));
        }

        var owner = await TestTags.CreateBuyerAsync(site.Services);
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(owner.Email, "buyer-pass-1");
        (await client.GetStringAsync($"/T/{tags[0].Serial}")).Should().Contain("Бирка отозвана");
        var attacked = await client.GetStringAsync($"/T/{tags[1].Serial}");
        var registered = await PostCodeAsync(client, tags[1].Serial, tags[1].ScratchCode);

        attacked.Should().Contain("Подлинное изделие").And.Contain("Кто-то ввёл для этой бирки много неверных кодов")
            .And.Contain("введите код со своего аккаунта").And.Contain("mailto:").And.Contain("name=\"code\"");
        registered.Should().Contain("Изделие зарегистрировано на вас.", "the pause does not hold the owner's first guess of the day");
    }

    [Fact]
    public async Task The_owner_of_a_registered_tag_in_a_withdrawn_batch_is_told_it_is_withdrawn()
    {
        var (batchId, tags) = await TestTags.CreateBatchAsync(site.Services, 1);
        var owner = await TestTags.CreateBuyerAsync(site.Services);
        await SendAsync(new RegisterItemCommand(owner.Id, tags[0].Serial, tags[0].ScratchCode));
        await SendAsync(new ChangeTagBatchStateCommand(batchId, TagBatchState.Voided, Note: "stolen"));
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(owner.Email, "buyer-pass-1");

        var page = await client.GetStringAsync($"/T/{tags[0].Serial}");
        var registration = await SendAsync<RegisterItemResult>(new RegisterItemCommand(owner.Id, tags[0].Serial, tags[0].ScratchCode));

        page.Should().Contain("Бирка отозвана").And.NotContain("зарегистрировано на вас");
        registration.Outcome.Should().Be(RegistrationOutcome.Voided, "the registration reads the same verdict as the page");
    }

    [Fact]
    public async Task A_tag_not_released_for_sale_says_so_offers_a_report_and_its_view_is_logged_as_a_signal()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1, onSale: false)).Tags[0];
        var buyer = await TestTags.CreateBuyerAsync(site.Services);
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(buyer.Email, "buyer-pass-1");

        var page = await client.GetStringAsync($"/T/{tag.Serial}");
        var report = await HtmlForms.SubmitAsync(client, $"/T/{tag.Serial}", new Dictionary<string, string>
        {
            ["message"] = "Купила в салоне на Невском",
        });

        page.Should().Contain("Ещё не в продаже").And.Contain("ещё не выпущена в продажу")
            .And.Contain("Сообщить о проблеме").And.Contain("mailto:")
            .And.NotContain("name=\"code\"", "a tag that is not on sale offers no registration");
        (await report.Content.ReadAsStringAsync()).Should().Contain("Спасибо. Клуб разберётся.");
        site.Services.GetRequiredService<ITagCodes>().TryDecodeSerial(tag.Serial, out var tagId);
        (await LoggedVerdictsAsync(tagId, count: 2)).Should().OnlyContain(v => v == Club.Domain.Verification.Verdict.NotReleased);
    }

    [Fact]
    public async Task A_registration_post_without_the_antiforgery_token_is_refused()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var buyer = await TestTags.CreateBuyerAsync(site.Services);
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(buyer.Email, "buyer-pass-1");

        var response = await client.PostAsync($"/T/{tag.Serial}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["code"] = tag.ScratchCode,
        }));

        response.ShouldBeRefusedForm($"/T/{tag.Serial}");
        (await client.GetStringAsync($"/T/{tag.Serial}")).Should().Contain("Подлинное изделие").And.Contain("name=\"code\"");
    }

    [Fact]
    public async Task A_buyer_whose_session_ended_while_the_form_was_open_is_told_so_and_nothing_is_registered()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var buyer = await TestTags.CreateBuyerAsync(site.Services);
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(buyer.Email, "buyer-pass-1");
        var form = HtmlForms.HiddenFields(await client.GetStringAsync($"/T/{tag.Serial}"));
        // Signed out in another tab: the open form's token belongs to a session that is gone.
        (await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form["__RequestVerificationToken"],
        }))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        form["code"] = tag.ScratchCode;

        var post = await client.PostAsync($"/T/{tag.Serial}", new FormUrlEncodedContent(form));

        post.ShouldBeRefusedForm($"/T/{tag.Serial}");
        (await client.GetStringAsync(post.Headers.Location)).Should().Contain("Форма не отправлена")
            .And.Contain("Ничего не сохранено и не изменено.").And.Contain($"href=\"/T/{tag.Serial}\"");
        (await client.GetStringAsync($"/T/{tag.Serial}")).Should().Contain($"/account/sign-up?returnUrl=%2FT%2F{tag.Serial}", "the tag is still free");
    }

    [Fact]
    public async Task A_new_visitor_signs_up_from_the_tag_and_lands_back_on_it_with_the_form()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var client = site.CreateBrowserlessClient();
        var scan = await client.GetStringAsync($"/T/{tag.Serial}");
        scan.Should().Contain($"/account/sign-up?returnUrl=%2FT%2F{tag.Serial}");

        var email = $"irina-{Guid.NewGuid():N}@example.com";
        await HtmlForms.SubmitAsync(client, $"/account/sign-up?returnUrl=%2FT%2F{tag.Serial}", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Ирина Соколова",
            ["Input.Email"] = email,
            ["Input.Phone"] = $"+7 9{Random.Shared.Next(10, 99)} {Random.Shared.Next(1_000_000, 9_999_999)}",
            ["Input.Password"] = "irina-pass-1",
            ["Input.Consent"] = "true",
        });
        var confirmed = await HtmlForms.SubmitAsync(client, await TestMail.SignUpLinkAsync(site.MailFolder, email), new Dictionary<string, string> { ["Password"] = "irina-pass-1" });

        confirmed.Headers.Location!.ToString().Should().EndWith($"/T/{tag.Serial}");
        (await client.GetStringAsync(confirmed.Headers.Location)).Should().Contain("name=\"code\"");
    }

    [Fact]
    public async Task Over_http_five_attacking_accounts_cannot_stop_the_owner_registering_and_guesses_past_the_limits_are_not_checked()
    {
        var tags = (await TestTags.CreateBatchAsync(site.Services, 2)).Tags;
        var outcomes = new List<string>();
        for (var a = 0; a < 5; a++)
        {
            var attacker = await TestTags.CreateBuyerAsync(site.Services);
            var client = site.CreateBrowserlessClient();
            await client.SignInAsync(attacker.Email, "buyer-pass-1");
            for (var i = 0; i < ScratchGuessLimits.PerAccountAndTag; i++)
            {
                outcomes.Add(await PostCodeAsync(client, tags[0].Serial, tags[1].ScratchCode));
            }

            if (a == 0)
            {
                // Past its limit for this tag, even the right code is refused unchecked: the tag stays free.
                (await PostCodeAsync(client, tags[0].Serial, tags[0].ScratchCode)).Should().NotContain("Изделие зарегистрировано на вас.");
            }
        }

        var owner = await TestTags.CreateBuyerAsync(site.Services);
        var ownersClient = site.CreateBrowserlessClient();
        await ownersClient.SignInAsync(owner.Email, "buyer-pass-1");
        var registered = await PostCodeAsync(ownersClient, tags[0].Serial, tags[0].ScratchCode);

        outcomes.Count(page => page.Contains("Код не подходит к этой бирке.", StringComparison.Ordinal))
            .Should().Be(ScratchGuessLimits.PerAccountAndTag + 4, "after the first attacker's five, each other attacker gets only its first guess checked");
        registered.Should().Contain("Изделие зарегистрировано на вас.");
    }

    [Fact]
    public async Task A_program_manager_sees_tags_under_attack_with_reports_and_ends_a_pause()
    {
        var tags = (await TestTags.CreateBatchAsync(site.Services, 2)).Tags;
        var attacker = await TestTags.CreateBuyerAsync(site.Services);
        for (var i = 0; i < ScratchGuessLimits.PerAccountAndTag; i++)
        {
            await SendAsync(new RegisterItemCommand(attacker.Id, tags[0].Serial, tags[1].ScratchCode));
        }

        await SendAsync(new ReportTagProblemCommand(tags[0].Serial, attacker.Id, "Не могу ввести код", null));
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("manager@club.demo");

        var list = await client.GetStringAsync("/manage/tag-reports");
        var end = await HtmlForms.SubmitAsync(client, "/manage/tag-reports", new Dictionary<string, string> { ["serial"] = tags[0].Serial.ToLowerInvariant() });

        list.Should().Contain("Бирки под атакой").And.Contain(tags[0].Serial).And.Contain("5 неверных кодов").And.Contain("На паузе до")
            .And.Contain("Снять паузу").And.Contain("Не могу ввести код");
        (await end.Content.ReadAsStringAsync()).Should().Contain("Пауза снята").And.NotContain("На паузе до");
        (await SendAsync<RegisterItemResult>(new RegisterItemCommand(attacker.Id, tags[0].Serial, tags[0].ScratchCode))).Outcome
            .Should().Be(RegistrationOutcome.TooManyWrongCodes, "ending the pause leaves the guesser's own limits");
    }

    private static async Task<string> PostCodeAsync(HttpClient client, string serial, string code)
    {
        var response = await HtmlForms.SubmitAsync(client, $"/T/{serial}", new Dictionary<string, string> { ["code"] = code });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The verdicts logged with a tag's views, once <paramref name="count"/> are written (the background writer may hold a batch).</summary>
    private async Task<List<Club.Domain.Verification.Verdict?>> LoggedVerdictsAsync(long tagId, int count)
    {
        for (var wait = 0; ; wait++)
        {
            await site.Services.GetRequiredService<IScanLog>().FlushAsync();
            await using var scope = site.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
            var verdicts = await db.TagScans.Where(s => s.TagId == tagId).Select(s => s.Verdict).ToListAsync();
            if (verdicts.Count >= count || wait == 50)
            {
                return verdicts;
            }

            await Task.Delay(100);
        }
    }

    private async Task SendAsync(IMessage message) => await SendAsync<object>(message);

    private async Task<Guid> ManagerIdAsync()
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClubDbContext>();
        return (await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM users WHERE email = 'manager@club.demo'").ToListAsync())[0];
    }

    private async Task<T> SendAsync<T>(IMessage message)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (T)(await scope.ServiceProvider.GetRequiredService<IMediator>().Send((object)message))!;
    }
}
