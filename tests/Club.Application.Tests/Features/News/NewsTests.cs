using Club.Application.Abstractions;
using Club.Application.Features.News;
using Club.Application.Features.Partners;
using Club.Application.Features.Privacy;
using Club.Application.Features.Registration;
using Club.Application.Tests.Features.Activities;
using Club.Domain.News;
using Club.Domain.Privacy;
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

    private async Task PublishAsync(string title, NewsAudience audience, string? partner = null) =>
        (await db.SendAsync<Result>(new PublishNewsCommand("tests", title, title + " (en)", "Текст", "Text", audience, partner, null))).Succeeded.Should().BeTrue();

    private async Task<IReadOnlyList<string>> TitlesAsync(Guid member) =>
        (await db.SendAsync<IReadOnlyList<NewsRow>>(new ListNewsQuery(member))).Select(n => n.TitleRu).ToList();
}
