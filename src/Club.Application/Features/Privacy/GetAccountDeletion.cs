using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Privacy;

/// <summary>The member's deletion request, if any, and how many days a new request stays cancellable.</summary>
public sealed record GetAccountDeletionQuery(Guid MemberId) : IQuery<AccountDeletionState>;

/// <summary><see cref="Request"/>: null when none was made (or it was cancelled).</summary>
public sealed record AccountDeletionState(AccountDeletionRequest? Request, int CancellableDays)
{
    /// <summary>Waiting for its date: it can still be cancelled.</summary>
    public AccountDeletionRequest? Pending => Request is { ErasedAt: null } ? Request : null;
}

public sealed record AccountDeletionRequest(DateTimeOffset RequestedAt, DateTimeOffset DueAt, string Source, DateTimeOffset? ErasedAt);

public sealed class GetAccountDeletionHandler(IClubDbFactory dbFactory, PrivacySettings settings) : IQueryHandler<GetAccountDeletionQuery, AccountDeletionState>
{
    public async ValueTask<AccountDeletionState> Handle(GetAccountDeletionQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var request = await db.AccountDeletions.AsNoTracking()
            .Where(d => d.MemberId == query.MemberId)
            .Select(d => new AccountDeletionRequest(d.RequestedAt, d.DueAt, d.Source, d.ErasedAt))
            .SingleOrDefaultAsync(cancellationToken);
        return new AccountDeletionState(request, Math.Max(0, settings.AccountDeletionDays));
    }
}
