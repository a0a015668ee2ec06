using Club.Application.Abstractions;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Club.Infrastructure.Mail;

/// <summary>
/// Sends through SMTP when a server is configured, else writes RFC 5322 .eml files to a pickup folder,
/// which is what a real SMTP server would receive, so nothing needs an outside server in embedded mode.
/// </summary>
internal sealed class MailKitMailSender(IOptions<MailOptions> options, ILogger<MailKitMailSender> logger) : IMailSender
{
    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        var body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = message.TextBody };
        foreach (var attachment in message.Attachments ?? [])
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        mime.Body = body.ToMessageBody();

        if (string.IsNullOrWhiteSpace(settings.SmtpHost))
        {
            var file = Path.Combine(settings.PickupDirectory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml");
            await using (var stream = ClubPaths.CreatePrivateFile(file))
            {
                await mime.WriteToAsync(stream, cancellationToken);
            }

            logger.LogInformation("Mail \"{Subject}\" written to {File}", message.Subject, file);
            return;
        }

        using var client = new SmtpClient();
        await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, SecureSocketOptions.Auto, cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
        {
            await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Mail \"{Subject}\" sent through {Host}", message.Subject, settings.SmtpHost);
    }
}
