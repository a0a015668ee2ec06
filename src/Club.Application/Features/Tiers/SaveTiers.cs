using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Tiers;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Tiers;

/// <summary>One tier as the program manager typed it, lowest first.</summary>
public sealed record TierInput(string? Name, string? NameEn, int Threshold, decimal Multiplier);

/// <summary>
/// A program manager sets the whole ladder at once: what it measures and the tiers, lowest first (none:
/// no tiers). Members' tiers follow at the next TierEvaluation run; multipliers apply from the next
/// registration to the tier the member holds.
/// </summary>
public sealed record SaveTiersCommand(string EditedBy, TierMeasure Measure, IReadOnlyList<TierInput> Tiers) : ICommand<Result>;

public sealed class SaveTiersValidator : CommandValidator<SaveTiersCommand>
{
    public SaveTiersValidator()
    {
        RuleFor(c => c.Measure).IsInEnum().WithKey("Choose what the tiers are measured by.");
        RuleFor(c => c.Tiers).Must(t => t.Count <= Tier.MaxTiers).WithKey("At most {0} tiers.", Tier.MaxTiers);
        RuleForEach(c => c.Tiers).Must(t => t.Name?.Trim().Length is > 0 and <= Tier.MaxNameLength && t.NameEn?.Trim().Length is > 0 and <= Tier.MaxNameLength)
            .WithKey("Enter each tier's name in Russian and English (up to {0} characters).", Tier.MaxNameLength);
        RuleForEach(c => c.Tiers).Must(t => t.Threshold is > 0 and <= Tier.MaxThreshold)
            .WithKey("A tier's threshold is a whole number from 1 to {0:N0}.", Tier.MaxThreshold);
        RuleForEach(c => c.Tiers).Must(t => t.Multiplier >= 1 && t.Multiplier <= Tier.MaxMultiplier && decimal.Round(t.Multiplier, 2) == t.Multiplier)
            .WithKey("The multiplier is a number from 1 to {0} with at most two decimals.", Tier.MaxMultiplier);
        RuleFor(c => c.Tiers).Must(t => t.Zip(t.Skip(1)).All(p => p.First.Threshold < p.Second.Threshold))
            .WithKey("Each tier needs a higher threshold than the tier before it.");
        RuleFor(c => c.Tiers).Must(t => Unique(t.Select(x => x.Name)) && Unique(t.Select(x => x.NameEn)))
            .WithKey("Two tiers cannot have the same name.");
    }

    private static bool Unique(IEnumerable<string?> names)
    {
        var trimmed = names.Select(n => (n ?? "").Trim()).ToList();
        return trimmed.Distinct(StringComparer.OrdinalIgnoreCase).Count() == trimmed.Count;
    }
}

public sealed class SaveTiersHandler(IClubDbFactory dbFactory, IAuditTrail audit, TimeProvider clock) : ICommandHandler<SaveTiersCommand, Result>
{
    public async ValueTask<Result> Handle(SaveTiersCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Two managers saving at once: the second waits here and its ladder replaces the first's whole.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM tier_settings WHERE id = {TierSettings.SingletonId} FOR UPDATE", cancellationToken);
        var before = new
        {
            Measure = await TierRules.MeasureAsync(db, cancellationToken),
            Tiers = (await TierRules.LadderAsync(db, cancellationToken)).Select(t => new { t.Level, t.Name, t.NameEn, t.Threshold, t.Multiplier }).ToList(),
        };
        var tiers = command.Tiers.Select((t, i) => new Tier
        {
            Level = i + 1, Name = t.Name!.Trim(), NameEn = t.NameEn!.Trim(), Threshold = t.Threshold, Multiplier = t.Multiplier,
        }).ToList();
        var editedBy = command.EditedBy.Length <= 200 ? command.EditedBy : command.EditedBy[..200];

        await db.Database.ExecuteSqlAsync($"DELETE FROM tiers", cancellationToken);
        db.Tiers.AddRange(tiers);
        await db.SaveChangesAsync(cancellationToken);
        var measure = command.Measure.ToString();
        await db.Database.ExecuteSqlAsync(
            $"UPDATE tier_settings SET measure = {measure}, updated_at = {clock.GetUtcNow()}, updated_by = {editedBy} WHERE id = {TierSettings.SingletonId}",
            cancellationToken);
        await audit.RecordAsync(new AuditChange("tiers.settings", "tier-settings", TierSettings.SingletonId.ToString(CultureInfo.InvariantCulture), before,
            new { command.Measure, Tiers = tiers.Select(t => new { t.Level, t.Name, t.NameEn, t.Threshold, t.Multiplier }).ToList() }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
