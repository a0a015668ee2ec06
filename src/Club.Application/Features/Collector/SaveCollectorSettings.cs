using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Collector;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Collector;

/// <summary>
/// A program manager sets the hidden status's threshold and benefits. The threshold applies from the next
/// grant (statuses already granted stay); the multiplier from the next registration; the coupons to
/// statuses opened from now on (coupons already issued keep their discounts).
/// </summary>
public sealed record SaveCollectorSettingsCommand(
    string EditedBy, bool Enabled, string? Name, string? NameEn, decimal Threshold, decimal Multiplier, IReadOnlyList<int> CouponPercents)
    : ICommand<Result>;

public sealed class SaveCollectorSettingsValidator : CommandValidator<SaveCollectorSettingsCommand>
{
    public SaveCollectorSettingsValidator()
    {
        RuleFor(c => c.Name).Must(n => n?.Trim().Length is > 0 and <= CollectorSettings.MaxNameLength)
            .WithKey("Enter the status's name in Russian and English (up to {0} characters).", CollectorSettings.MaxNameLength);
        RuleFor(c => c.NameEn).Must(n => n?.Trim().Length is > 0 and <= CollectorSettings.MaxNameLength)
            .WithKey("Enter the status's name in Russian and English (up to {0} characters).", CollectorSettings.MaxNameLength);
        RuleFor(c => c.Threshold).Must(t => t > 0 && t <= CollectorSettings.MaxThreshold && decimal.Round(t, 2) == t)
            .WithKey("The threshold is an amount above 0 and up to {0:N0}.", CollectorSettings.MaxThreshold);
        RuleFor(c => c.Multiplier).Must(m => m >= 1 && m <= CollectorSettings.MaxMultiplier && decimal.Round(m, 2) == m)
            .WithKey("The multiplier is a number from 1 to {0} with at most two decimals.", CollectorSettings.MaxMultiplier);
        RuleFor(c => c.CouponPercents).Must(p => p.Count <= CollectorSettings.MaxCoupons && p.All(x => x is >= 1 and <= CollectorSettings.MaxCouponPercent))
            .WithKey("Up to {0} coupons, each a discount from 1 to {1} per cent.", CollectorSettings.MaxCoupons, CollectorSettings.MaxCouponPercent);
    }
}

public sealed class SaveCollectorSettingsHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<SaveCollectorSettingsCommand, Result>
{
    public async ValueTask<Result> Handle(SaveCollectorSettingsCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = await db.CollectorSettings.AsNoTracking()
            .Select(s => new { s.Enabled, s.Name, s.NameEn, s.Threshold, s.Multiplier, s.CouponPercents })
            .SingleOrDefaultAsync(cancellationToken);
        var (name, nameEn) = (command.Name!.Trim(), command.NameEn!.Trim());
        var percents = command.CouponPercents.ToArray();
        var editedBy = command.EditedBy.Length <= 200 ? command.EditedBy : command.EditedBy[..200];
        // One statement on the one row: two managers saving at once leave the later values.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO collector_settings (id, enabled, name, name_en, threshold, multiplier, coupon_percents, updated_at, updated_by)
            VALUES ({CollectorSettings.SingletonId}, {command.Enabled}, {name}, {nameEn}, {command.Threshold}, {command.Multiplier}, {percents}, {clock.GetUtcNow()}, {editedBy})
            ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, name = excluded.name, name_en = excluded.name_en,
                threshold = excluded.threshold, multiplier = excluded.multiplier, coupon_percents = excluded.coupon_percents,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, cancellationToken);
        await audit.RecordAsync(
            new AuditChange("collector.settings", "collector-settings", CollectorSettings.SingletonId.ToString(CultureInfo.InvariantCulture), before,
                new { command.Enabled, Name = name, NameEn = nameEn, command.Threshold, command.Multiplier, CouponPercents = percents }),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
