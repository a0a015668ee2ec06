using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Points.Ledger;
using Club.Application.Validation;
using Club.Domain.Charity;
using Club.Domain.Points;
using FluentValidation;
using Mediator;

namespace Club.Application.Features.Charity;

/// <summary>A program manager starts a donation campaign; its ledger account is opened with it.</summary>
public sealed record CreateCharityCampaignCommand(
    string CreatedBy, string? NameRu, string? NameEn, string? DescriptionRu, string? DescriptionEn, int Goal, DateTimeOffset StartsAt, DateTimeOffset EndsAt)
    : ICommand<Result>;

public sealed class CreateCharityCampaignValidator : CommandValidator<CreateCharityCampaignCommand>
{
    public CreateCharityCampaignValidator()
    {
        RuleFor(c => c).Must(c => !string.IsNullOrWhiteSpace(c.NameRu) && !string.IsNullOrWhiteSpace(c.NameEn))
            .WithKey("Enter the campaign's name in Russian and English.");
        RuleFor(c => c).Must(c => (c.NameRu ?? "").Trim().Length <= CharityCampaign.MaxNameLength && (c.NameEn ?? "").Trim().Length <= CharityCampaign.MaxNameLength)
            .WithKey("A name may be at most {0} characters long.", CharityCampaign.MaxNameLength);
        RuleFor(c => c).Must(c => (c.DescriptionRu ?? "").Trim().Length <= CharityCampaign.MaxDescriptionLength && (c.DescriptionEn ?? "").Trim().Length <= CharityCampaign.MaxDescriptionLength)
            .WithKey("A description may be at most {0} characters long.", CharityCampaign.MaxDescriptionLength);
        RuleFor(c => c.Goal).InclusiveBetween(1, CharityCampaign.MaxGoal).WithKey("The goal is a whole number of points from {0} to {1:N0}.", 1, CharityCampaign.MaxGoal);
        RuleFor(c => c.EndsAt).GreaterThan(c => c.StartsAt).WithKey("The campaign must end after it starts.");
    }
}

public sealed class CreateCharityCampaignHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<CreateCharityCampaignCommand, Result>
{
    public async ValueTask<Result> Handle(CreateCharityCampaignCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var campaign = new CharityCampaign
        {
            AccountId = Guid.NewGuid(),
            NameRu = command.NameRu!.Trim(),
            NameEn = command.NameEn!.Trim(),
            DescriptionRu = Text(command.DescriptionRu),
            DescriptionEn = Text(command.DescriptionEn),
            Goal = command.Goal,
            StartsAt = command.StartsAt,
            EndsAt = command.EndsAt,
            CreatedAt = now,
            CreatedBy = command.CreatedBy.Length <= 200 ? command.CreatedBy : command.CreatedBy[..200],
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await PointsLedger.OpenAccountAsync(db, new PointsAccount { Id = campaign.AccountId, Kind = PointsAccountKind.Charity, Name = campaign.NameEn[..Math.Min(campaign.NameEn.Length, PointsAccount.MaxNameLength)], CreatedAt = now }, cancellationToken);
        db.CharityCampaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditChange("charity.create", "charity-campaign", campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { campaign.NameRu, campaign.NameEn, campaign.Goal, campaign.StartsAt, campaign.EndsAt }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }

    private static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
