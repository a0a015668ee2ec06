using System.Runtime.CompilerServices;
using Club.Application.Abstractions;
using Club.Application.Features.Mail;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.News;

/// <summary>
/// The NewsMail job: queues one promotional mail per published, not yet mailed item and member of its
/// audience (key <c>news:{item}:{member}</c>, so a re-run or a second node mails nobody twice), then marks
/// the item mailed. The mail writer leaves out members without the marketing consent. Returns the mails queued.
/// </summary>
public sealed record MailNewsCommand : ICommand<int>;

public sealed class MailNewsHandler(IClubDbFactory dbFactory, IPublicAddress address, TimeProvider clock) : ICommandHandler<MailNewsCommand, int>
{
    public const string Template = "News";

    public async ValueTask<int> Handle(MailNewsCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var due = await db.NewsItems.Where(n => n.MailedAt == null && n.PublishedAt <= now).OrderBy(n => n.Id).Select(n => n.Id).ToListAsync(cancellationToken);
        var link = address.Link("/cabinet/news");
        var queued = 0;
        foreach (var id in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            queued += await MailOutboxWriter.InsertSetAsync(db.Database, FormattableStringFactory.Create($$"""
                SELECT 'news:' || n.id || ':' || m.id, m.id, {0}::text,
                       jsonb_build_object('TitleRu', n.title_ru, 'TitleEn', n.title_en, 'Link', {1}::text)
                FROM news_items n CROSS JOIN members m
                WHERE n.id = {2} AND {{NewsAudiences.MemberInSql("m.id", "n", "{3}")}}
                """, Template, link, id, now), now, cancellationToken, MailCategory.Promotional);
            await db.Database.ExecuteSqlAsync($"UPDATE news_items SET mailed_at = {now} WHERE id = {id}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return queued;
    }
}
