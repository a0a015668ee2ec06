using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Application.Validation;
using Club.Domain.Charity;
using Club.Domain.Points;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Charity;

/// <summary>
/// A member gives points to a running campaign. <paramref name="DonationKey"/> comes from the form, so
/// sending it twice (double click, retry) gives once.
/// </summary>
public sealed record DonatePointsCommand(Guid MemberId, int CampaignId, int Points, Guid DonationKey) : ICommand<DonationResult>;

/// <summary>The points given (now or by the same form before), or why nothing was given (an English message key).</summary>
public sealed record DonationResult(UserMessage? Error, int Points = 0, bool Repeated = false) : IFailable<DonationResult>
{
    public bool Given => Error is null;

    public static DonationResult Invalid(IReadOnlyList<FieldFailure> failures) => new(failures[0].Message);
}

public sealed class DonatePointsValidator : CommandValidator<DonatePointsCommand>
{
    public DonatePointsValidator()
    {
        RuleFor(c => c.DonationKey).NotEqual(Guid.Empty).WithKey("The form has expired: open the campaign again.");
        RuleFor(c => c.Points).InclusiveBetween(1, CharityCampaign.MaxGoal).WithKey("Give a whole number of points from {0} to {1:N0}.", 1, CharityCampaign.MaxGoal);
    }
}

public sealed class DonatePointsHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<DonatePointsCommand, DonationResult>
{
    public const string CharityReference = "charity";

    public static string KeyOf(Guid member, Guid donationKey) => $"donation:{member}:{donationKey}";

    public async ValueTask<DonationResult> Handle(DonatePointsCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var key = KeyOf(command.MemberId, command.DonationKey);
        if (await GivenBeforeAsync(db, key, cancellationToken) is { } before)
        {
            return new DonationResult(null, before, Repeated: true);
        }

        var campaign = await db.CharityCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.CampaignId, cancellationToken);
        if (campaign is null || !campaign.IsOpen(now))
        {
            return new DonationResult(new UserMessage("This campaign is not collecting points now."));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The member's balance row first: a second send of the form waits here, then finds the key taken.
        var balances = await PointsLedger.LockBalancesAsync(db, [command.MemberId], cancellationToken);
        if (await GivenBeforeAsync(db, key, cancellationToken) is { } parallel)
        {
            return new DonationResult(null, parallel, Repeated: true);
        }

        var balance = balances.GetValueOrDefault(command.MemberId);
        if (balance < command.Points)
        {
            return new DonationResult(new UserMessage("You have {0} points: you cannot give more.", [balance]));
        }

        var source = campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The campaign keeps what it is given: its lot never expires.
        PointsPosting[] postings =
        [
            new(command.MemberId, -command.Points, PointsReason.Donation, CharityReference, source, key),
            new(campaign.AccountId, command.Points, PointsReason.Donation, CharityReference, source, key + ":received") { LifetimeMonths = 0 },
        ];
        try
        {
            await PointsLedger.PostAsync(db, postings, now, cancellationToken, balanceRowsExist: true);
        }
        catch (PointsFrozenException)
        {
            return new DonationResult(new UserMessage(PointsFrozenException.MessageKey));
        }

        await transaction.CommitAsync(cancellationToken);
        return new DonationResult(null, command.Points);
    }

    private static async Task<int?> GivenBeforeAsync(IClubDb db, string key, CancellationToken cancellationToken) =>
        await db.PointsEntries.Where(e => e.IdempotencyKey == key).Select(e => (int?)-e.Amount).SingleOrDefaultAsync(cancellationToken);
}
