using System.Net;
using Club.Application.Abstractions;
using Club.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Club.Web.Endpoints;

/// <summary>The account port's mails, written in the language the member is using right now.</summary>
internal sealed class AccountMails(IMailSender mail, IStringLocalizer<SharedResource> l) : IAccountMails
{
    public Task SendPasswordResetLinkAsync(string email, string resetLink, CancellationToken cancellationToken = default)
    {
        var (subject, intro) = (l["Reset your password"].Value, l["Open this link to choose a new password. If you did not ask for it, ignore this mail."].Value);
        return mail.SendAsync(new MailMessage(email, subject,
            $"<p>{WebUtility.HtmlEncode(intro)}</p><p><a href=\"{WebUtility.HtmlEncode(resetLink)}\">{WebUtility.HtmlEncode(resetLink)}</a></p>",
            $"{intro}\n\n{resetLink}\n"), cancellationToken);
    }
}
