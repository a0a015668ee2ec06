using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Points;
using Club.Application.Features.Staff;
using Club.Domain.Privacy;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Privacy;

/// <summary>
/// A member asks to delete their account from the cabinet, with their password typed again; or a member
/// of staff records such a request received by mail (<see cref="StaffId"/> set, no password, audited).
/// The account is erased <see cref="PrivacySettings.AccountDeletionDays"/> days later unless cancelled;
/// the member is mailed the date and how to cancel.
/// </summary>
public sealed record RequestAccountDeletionCommand(Guid MemberId, string? Password, Guid? StaffId = null) : ICommand<AccountDeletionResult>;

/// <summary>When the account will be erased, or why the request was refused (nothing was changed then).</summary>
public sealed record AccountDeletionResult(UserMessage? Error, DateTimeOffset? DueAt = null)
{
    public bool Succeeded => Error is null;
}

public sealed class RequestAccountDeletionHandler(
    IClubDbFactory dbFactory, IPasswordCheck passwords, IRateLimiter limiter, IAuditTrail audit, IMailOutbox outbox,
    PrivacySettings settings, PointsSettings calendar, TimeProvider clock)
    : ICommandHandler<RequestAccountDeletionCommand, AccountDeletionResult>
{
    public const string RequestedTemplate = "AccountDeletionRequested";

    /// <summary>Wrong passwords on this form per account: someone at an unlocked session cannot guess on for long.</summary>
    public static readonly RateLimitRule WrongPasswords = new("account-deletion-password", 5, TimeSpan.FromHours(1));

    public async ValueTask<AccountDeletionResult> Handle(RequestAccountDeletionCommand command, CancellationToken cancellationToken)
    {
        if (command.StaffId is null && await PasswordRefusalAsync(command, cancellationToken) is { } refusal)
        {
            return new(refusal);
        }

        var now = clock.GetUtcNow();
        AccountDeletion request;
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await db.Members.AnyAsync(m => m.Id == command.MemberId, cancellationToken))
            {
                return new("No such member.");
            }

            // Staff accounts leave through the staff page, which keeps the club's last administrator.
            if (await StaffRoles.StateAsync(db, command.MemberId, cancellationToken) is not null)
            {
                return new("This is a staff account: an administrator deactivates it on the staff page.");
            }

            // A second request (a double click, the member and staff both) keeps the first one's date.
            var due = now.AddDays(Math.Max(0, settings.AccountDeletionDays));
            var source = command.StaffId is null ? ConsentSources.Cabinet : ConsentSources.Staff;
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO account_deletions (member_id, requested_at, due_at, source, recorded_by)
                VALUES ({command.MemberId}, {now}, {due}, {source}, {command.StaffId})
                ON CONFLICT (member_id) DO NOTHING
                """, cancellationToken);
            request = await db.AccountDeletions.AsNoTracking().SingleAsync(d => d.MemberId == command.MemberId, cancellationToken);
            if (request.ErasedAt is not null)
            {
                return new("This account has been deleted already.");
            }

            if (command.StaffId is not null && inserted == 1)
            {
                await audit.RecordAsync(new AuditChange(
                    "account-deletion.recorded", "member", command.MemberId.ToString(), null, new { request.DueAt }, command.MemberId), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // Keyed by the request: a repeated request mails nothing more, a new one after a cancellation does.
        var dueDay = TimeZoneInfo.ConvertTime(request.DueAt, calendar.Zone).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        await outbox.EnqueueAsync(
            $"account-deletion:{command.MemberId}:{request.RequestedAt.ToUnixTimeMilliseconds()}",
            new MemberMail(command.MemberId, RequestedTemplate, new Dictionary<string, string> { ["Date"] = dueDay }),
            cancellationToken);
        return new(null, request.DueAt);
    }

    /// <summary>Why the password does not let the request through, or null when it is right.</summary>
    private async Task<UserMessage?> PasswordRefusalAsync(RequestAccountDeletionCommand command, CancellationToken cancellationToken)
    {
        var hit = new RateLimitHit(WrongPasswords, command.MemberId.ToString());
        if (!(await limiter.PeekAsync([hit], cancellationToken)).Allowed)
        {
            return "Too many wrong passwords. Try again in an hour. Nothing was changed.";
        }

        if (!string.IsNullOrEmpty(command.Password) && await passwords.IsPasswordAsync(command.MemberId, command.Password, cancellationToken))
        {
            return null;
        }

        await limiter.HitAsync([hit], cancellationToken);
        return "The password is not right. Nothing was changed.";
    }
}
