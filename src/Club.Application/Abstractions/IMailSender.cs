namespace Club.Application.Abstractions;

public sealed record MailMessage(
    string To, string Subject, string HtmlBody, string TextBody, IReadOnlyList<MailAttachment>? Attachments = null);

/// <summary>A file sent with a mail, e.g. a monthly report as XLSX.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>Sends mail through SMTP, or into a local pickup folder when no SMTP server is configured.</summary>
public interface IMailSender
{
    Task SendAsync(MailMessage message, CancellationToken cancellationToken = default);
}
