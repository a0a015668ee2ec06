namespace Club.Application.Abstractions;

public sealed record MailMessage(string To, string Subject, string HtmlBody, string TextBody);

/// <summary>Sends mail through SMTP, or into a local pickup folder when no SMTP server is configured.</summary>
public interface IMailSender
{
    Task SendAsync(MailMessage message, CancellationToken cancellationToken = default);
}
