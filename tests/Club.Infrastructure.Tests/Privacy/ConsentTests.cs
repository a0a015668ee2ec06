using System.Diagnostics.Metrics;
using Club.Application.Abstractions;
using Club.Application.Features.Privacy;
using Club.Domain.Privacy;
using Club.Infrastructure.Tests.Mail;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Infrastructure.Tests.Privacy;

public class ConsentTests(OutboxFixture db) : IClassFixture<OutboxFixture>
{
    [Fact]
    public async Task Joining_accepts_the_published_rules_and_policy_and_records_the_marketing_consent_as_declined()
    {
        var (member, _) = await TestTags.CreateBuyerAsync(db.Services);

        var consents = await db.SendAsync<MemberConsents>(new GetConsentsQuery(member));

        consents.Current.Should().Contain(c => c.Kind == ConsentKinds.Rules && c.Granted && c.Version >= 1 && c.Source == ConsentSources.SignUp);
        consents.Current.Should().Contain(c => c.Kind == ConsentKinds.Privacy && c.Granted && c.Version >= 1);
        consents.IsGranted(ConsentKinds.Marketing).Should().BeFalse();
        consents.IsGranted(ConsentKinds.PartnerLookup).Should().BeFalse();
        (await db.SendAsync<IReadOnlyList<LegalDocumentToAccept>>(new GetLegalDocumentsToAcceptQuery(member))).Should().BeEmpty();
    }

    [Fact]
    public async Task Promotional_mail_is_queued_only_while_the_member_has_the_marketing_consent_and_a_skipped_one_is_counted()
    {
        var (member, _) = await TestTags.CreateBuyerAsync(db.Services);
        var skipped = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // By name: the counter is published while MailOutboxWriter's static field is still being set.
            if (instrument.Meter.Name == "Club.Mail" && instrument.Name == "club.mail.promotional_skipped")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref skipped, value));
        listener.Start();
        var key = "promo-test:" + Guid.NewGuid().ToString("N");

        await QueueAsync(member, key + ":1");
        (await db.SendAsync<Result>(new ChangeMyConsentCommand(member, ConsentKinds.Marketing, true))).Succeeded.Should().BeTrue();
        await QueueAsync(member, key + ":2");
        (await db.SendAsync<Result>(new ChangeMyConsentCommand(member, ConsentKinds.Marketing, false))).Succeeded.Should().BeTrue();
        await QueueAsync(member, key + ":3");

        await using var context = await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();
        (await context.MailOutbox.Where(m => m.IdempotencyKey.StartsWith(key)).Select(m => m.IdempotencyKey).ToListAsync())
            .Should().Equal(key + ":2");
        Interlocked.Read(ref skipped).Should().BeGreaterThanOrEqualTo(2);
        var history = await context.ConsentChanges.Where(c => c.MemberId == member && c.Kind == ConsentKinds.Marketing)
            .OrderBy(c => c.Id).Select(c => new { c.Granted, c.Source }).ToListAsync();
        history.Should().Equal(
            new { Granted = false, Source = ConsentSources.SignUp },
            new { Granted = true, Source = ConsentSources.Cabinet },
            new { Granted = false, Source = ConsentSources.Cabinet });
    }

    [Fact]
    public async Task A_new_version_asks_every_member_to_accept_it_and_keeps_the_old_one_readable()
    {
        var (member, _) = await TestTags.CreateBuyerAsync(db.Services);
        var (staff, _) = await TestTags.CreateBuyerAsync(db.Services);

        var published = await db.SendAsync<PublishLegalDocumentResult>(
            new PublishLegalDocumentCommand(LegalDocumentKinds.Rules, "# Новое\nТекст <b>без</b> разметки.", "# New\nText.", staff));

        published.Succeeded.Should().BeTrue();
        var pending = await db.SendAsync<IReadOnlyList<LegalDocumentToAccept>>(new GetLegalDocumentsToAcceptQuery(member));
        pending.Should().Equal(new LegalDocumentToAccept(LegalDocumentKinds.Rules, published.Version));
        (await db.SendAsync<LegalDocumentView?>(new GetLegalDocumentQuery(LegalDocumentKinds.Rules, 1)))!.BodyRu.Should().Contain("Кто может участвовать");
        (await db.SendAsync<LegalDocumentView?>(new GetLegalDocumentQuery(LegalDocumentKinds.Rules)))!.Versions.Should().HaveCount(published.Version);

        (await db.SendAsync<Result>(new AcceptLegalDocumentsCommand(member, pending))).Succeeded.Should().BeTrue();
        (await db.SendAsync<IReadOnlyList<LegalDocumentToAccept>>(new GetLegalDocumentsToAcceptQuery(member))).Should().BeEmpty();
        (await db.SendAsync<Result>(new AcceptLegalDocumentsCommand(member, [new LegalDocumentToAccept(LegalDocumentKinds.Rules, 999)]))).Succeeded.Should().BeFalse();
    }

    private Task QueueAsync(Guid member, string key) =>
        db.Services.GetRequiredService<IMailOutbox>().EnqueueAsync(key, new MemberMail(member, "Test", new Dictionary<string, string> { ["Name"] = "x" }, Category: MailCategory.Promotional));
}
