namespace Club.Application.Abstractions;

/// <summary>
/// The mails the account port sends while a member waits (a password reset link), written by the web
/// site in the language the member is using right now.
/// </summary>
public interface IAccountMails
{
    Task SendPasswordResetLinkAsync(string email, string resetLink, CancellationToken cancellationToken = default);
}
