using Club.Application.Abstractions;
using Club.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Club.Infrastructure.Mail;

/// <summary>
/// Renders the member's mail in their language and sends it at once. A failed send is logged and
/// swallowed: the change the mail reports is already committed.
/// </summary>
internal sealed class DirectMailOutbox(
    IDbContextFactory<ClubDbContext> dbFactory, MailTemplates templates, IMailSender sender, ILogger<DirectMailOutbox> logger) : IMailOutbox
{
    public async Task EnqueueAsync(string idempotencyKey, MemberMail mail, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var recipient = await db.Users
            .Where(u => u.Id == mail.MemberId)
            .Select(u => new { u.Email, Culture = db.Members.Where(m => m.Id == u.Id).Select(m => m.Culture).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        if (recipient?.Email is null)
        {
            logger.LogWarning("Mail {Key} skipped: member {Member} has no e-mail address", idempotencyKey, mail.MemberId);
            return;
        }

        try
        {
            await sender.SendAsync(templates.Render(mail.Template, recipient.Culture ?? "ru", recipient.Email, mail.Values, mail.Attachments), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Mail {Key} to member {Member} failed", idempotencyKey, mail.MemberId);
        }
    }
}
