namespace Club.Application.Abstractions;

/// <summary>
/// Mail to a member, written from a template in the member's language (Russian or English).
/// <paramref name="Template"/> names a pair of files <c>Mail/Templates/{Template}.ru.txt</c> and
/// <c>.en.txt</c> in Infrastructure; <paramref name="Values"/> fill their <c>{Name}</c> placeholders.
/// </summary>
public sealed record MemberMail(
    Guid MemberId, string Template, IReadOnlyDictionary<string, string> Values, IReadOnlyList<MailAttachment>? Attachments = null,
    MailCategory Category = MailCategory.Service);

/// <summary>
/// What a mail is for. Service mail (accounts, points, orders, sales) goes to every member; promotional
/// mail only to members who agreed to it, which the outbox writer checks in one place.
/// </summary>
public enum MailCategory
{
    Service,
    Promotional,
}

/// <summary>
/// Queues mail to members. The idempotency key makes a mail exactly-once: queueing the same key again
/// (a retried request, a re-run job) sends nothing more. Call it after the change it reports has been
/// committed; a failed send never undoes that change.
/// </summary>
public interface IMailOutbox
{
    Task EnqueueAsync(string idempotencyKey, MemberMail mail, CancellationToken cancellationToken = default);
}
