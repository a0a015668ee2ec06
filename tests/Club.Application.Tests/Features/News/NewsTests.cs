using Club.Application.Abstractions;
using Club.Application.Features.News;
using Club.Application.Features.Partners;
using Club.Application.Features.Privacy;
using Club.Application.Features.Registration;
using Club.Application.Features.Tiers;
using Club.Application.Tests.Features.Activities;
using Club.Domain.News;
using Club.Domain.Privacy;
using Club.Domain.Tiers;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Tests.Features.News;

public class NewsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Each_audience_sees_its_own_news_in_the_cabinet()
    {
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var seller = (await db.CreateSellerAsync()).Id;
        var partnerBuyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var partners = await db.SendAsync<IReadOnlyList<string>>(new ListPartnerNamesQuery());
        var (batch, tags) = await TestTags.CreateBatchAsync(db.Services, 1, onSale: false);
        await TestTags.PutOnSaleAsync(db.Services, batch, partners[0]);
        (await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(partnerBuyer, tags[0].Serial, tags[0].ScratchCode))).Succeeded.Should().BeTrue();

        await PublishAsync("Новая коллекция", NewsAudience.Buyers);
        await PublishAsync("Для продавцов", NewsAudience.Sellers);
        await PublishAsync("Акция партнёра", NewsAudience.PartnerBuyers, partners[0]);

        (await TitlesAsync(buyer)).Should().Contain("Новая коллекция").And.NotContain(["Для продавцов", "Акция партнёра"]);
        (await TitlesAsync(seller)).Should().Contain("Для продавцов").And.NotContain(["Новая коллекция", "Акция партнёра"]);
        (await TitlesAsync(partnerBuyer)).Should().Contain(["Акция партнёра", "Новая коллекция"]).And.NotContain("Для продавцов");
        (await db.SendAsync<IReadOnlyList<NewsRow>>(new ListNewsQuery(null))).Should().HaveCountGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task The_mail_job_mails_each_item_once_to_members_of_its_audience_who_agreed_to_marketing_mail()
    {
        var agreed = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var silent = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        (await db.SendAsync<Result>(new ChangeMyConsentCommand(agreed, ConsentKinds.Marketing, true))).Succeeded.Should().BeTrue();
        await PublishAsync("Скидки к празднику", NewsAudience.Buyers);

        var runs = await ActivityTesting.InParallelAsync(4, () => db.SendAsync<int>(new MailNewsCommand()));
        var again = await db.SendAsync<int>(new MailNewsCommand());

        again.Should().Be(0);
        var mails = await db.WithScopeAsync<ClubDbContext, List<string>>(c =>
            c.MailOutbox.Where(m => m.Template == MailNewsHandler.Template && (m.MemberId == agreed || m.MemberId == silent)).Select(m => m.IdempotencyKey).ToListAsync());
        mails.Should().ContainSingle().Which.Should().EndWith($":{agreed}", "a member without the marketing consent is not mailed");
        (await db.SendAsync<IReadOnlyList<NewsRow>>(new ListNewsQuery(null))).Should().OnlyContain(n => n.MailedAt != null);
    }

    [Fact]
    public async Task A_tiers_news_reaches_that_tier_and_higher_and_Collector_news_reaches_the_status_holders_in_the_cabinet_and_by_mail()
    {
        (await db.SendAsync<Result>(new SaveTiersCommand("tests", TierMeasure.ItemsRegistered,
            [new("Аквамарин", "Aquamarine", 1, 1m), new("Сапфир", "Sapphire", 2, 1m)]))).Succeeded.Should().BeTrue();
        var aquamarine = await BuyerWithItemsAsync(1);
        var sapphire = await BuyerWithItemsAsync(2);
        var holder = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        var plain = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        await db.SendAsync<int>(new EvaluateTiersCommand());
        await db.WithScopeAsync<ClubDbContext, int>(c => c.Database.ExecuteSqlAsync($"""
            INSERT INTO collector_statuses (member_id, year, valid_from, valid_until, value, source, granted_at)
            VALUES ({holder}, 2000, now() - interval '1 day', now() + interval '300 days', 12000, 'Registration', now())
            """));
        foreach (var member in new[] { aquamarine, sapphire, holder, plain })
        {
            (await db.SendAsync<Result>(new ChangeMyConsentCommand(member, ConsentKinds.Marketing, true))).Succeeded.Should().BeTrue();
        }

        await PublishAsync("Для сапфиров", NewsAudience.Tier, tierLevel: 2);
        await PublishAsync("Для коллекционеров", NewsAudience.CollectorHolders);
        (await db.SendAsync<Result>(new PublishNewsCommand("tests", "Т", "T", "Т", "T", NewsAudience.Tier, null, null, TierLevel: 9))).Succeeded
            .Should().BeFalse("no such tier");

        (await TitlesAsync(sapphire)).Should().Contain("Для сапфиров").And.NotContain("Для коллекционеров");
        (await TitlesAsync(aquamarine)).Should().NotContain(["Для сапфиров", "Для коллекционеров"], "a lower tier is not in a higher tier's audience");
        (await TitlesAsync(holder)).Should().Contain("Для коллекционеров").And.NotContain("Для сапфиров");
        (await TitlesAsync(plain)).Should().NotContain(["Для сапфиров", "Для коллекционеров"]);

        await db.SendAsync<int>(new MailNewsCommand());
        var members = new[] { aquamarine, sapphire, holder, plain };
        var mailed = await db.WithScopeAsync<ClubDbContext, List<Guid>>(c => c.MailOutbox
            .Where(m => m.Template == MailNewsHandler.Template && members.Contains(m.MemberId))
            .Select(m => m.MemberId).ToListAsync());
        mailed.Should().BeEquivalentTo([sapphire, holder]);
    }

    [Fact]
    public async Task Bad_news_is_refused_and_nothing_is_published()
    {
        PublishNewsCommand Valid() => new("tests", "Заголовок", "Title", "Текст", "Text", NewsAudience.Buyers, null, null);
        var before = (await db.SendAsync<IReadOnlyList<NewsRow>>(new ListNewsQuery(null))).Count;

        (await db.SendAsync<Result>(Valid() with { TitleEn = " " })).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(Valid() with { BodyRu = new string('т', 5000) })).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(Valid() with { Audience = (NewsAudience)42 })).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(Valid() with { Audience = NewsAudience.PartnerBuyers, PartnerName = "Nobody" })).Succeeded.Should().BeFalse();
        (await db.SendAsync<Result>(Valid() with { Picture = [1, 2, 3, 4] })).Succeeded.Should().BeFalse("a picture must be an image");

        (await db.SendAsync<IReadOnlyList<NewsRow>>(new ListNewsQuery(null))).Should().HaveCount(before);
    }

    private async Task PublishAsync(string title, NewsAudience audience, string? partner = null, int? tierLevel = null) =>
        (await db.SendAsync<Result>(new PublishNewsCommand("tests", title, title + " (en)", "Текст", "Text", audience, partner, null, tierLevel))).Succeeded.Should().BeTrue();

    private async Task<Guid> BuyerWithItemsAsync(int items)
    {
        var buyer = (await TestTags.CreateBuyerAsync(db.Services)).Id;
        foreach (var tag in (await TestTags.CreateBatchAsync(db.Services, items)).Tags)
        {
            (await db.SendAsync<RegisterItemResult>(new RegisterItemCommand(buyer, tag.Serial, tag.ScratchCode))).Succeeded.Should().BeTrue();
        }

        return buyer;
    }

    private async Task<IReadOnlyList<string>> TitlesAsync(Guid member) =>
        (await db.SendAsync<IReadOnlyList<NewsRow>>(new ListNewsQuery(member))).Select(n => n.TitleRu).ToList();
}
