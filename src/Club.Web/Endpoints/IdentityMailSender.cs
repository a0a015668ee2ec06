using System.Net;
using Club.Application.Abstractions;
using Club.Infrastructure.Identity;
using Club.Web.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Club.Web.Endpoints;

/// <summary>Identity's account mails, written in the language the member is using right now.</summary>
internal sealed class IdentityMailSender(IMailSender mail, IStringLocalizer<SharedResource> l) : IEmailSender<ClubUser>
{
    public Task SendConfirmationLinkAsync(ClubUser user, string email, string confirmationLink) =>
        SendLinkAsync(email, l["Confirm your email"], l["Open this link to confirm your email:"], confirmationLink);

    public Task SendPasswordResetLinkAsync(ClubUser user, string email, string resetLink) =>
        SendLinkAsync(email, l["Reset your password"], l["Open this link to choose a new password. If you did not ask for it, ignore this mail."], resetLink);

    public Task SendPasswordResetCodeAsync(ClubUser user, string email, string resetCode) =>
        mail.SendAsync(new MailMessage(email, l["Reset your password"],
            $"<p>{WebUtility.HtmlEncode(l["Your password reset code:"])} <b>{WebUtility.HtmlEncode(resetCode)}</b></p>",
            $"{l["Your password reset code:"]} {resetCode}"));

    private Task SendLinkAsync(string email, string subject, string intro, string link) =>
        mail.SendAsync(new MailMessage(email, subject,
            $"<p>{WebUtility.HtmlEncode(intro)}</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>",
            $"{intro}\n\n{link}\n"));
}
