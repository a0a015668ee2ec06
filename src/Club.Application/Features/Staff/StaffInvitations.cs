using Club.Application.Abstractions;

namespace Club.Application.Features.Staff;

/// <summary>Mails an invitation link (a new one each time: the previous stays valid until a password is set).</summary>
public sealed class StaffInvitations(IStaffAccounts accounts, IMailOutbox mail, TimeProvider clock)
{
    public const string Template = "StaffInvitation";

    public async Task MailAsync(Guid userId, string role, CancellationToken cancellationToken)
    {
        var link = await accounts.InvitationLinkAsync(userId, cancellationToken);
        var key = $"staff-invitation:{userId}:{clock.GetUtcNow().ToUnixTimeMilliseconds()}";
        await mail.EnqueueAsync(key, new MemberMail(userId, Template, new Dictionary<string, string> { ["Link"] = link, ["Role"] = role }), cancellationToken);
    }
}
