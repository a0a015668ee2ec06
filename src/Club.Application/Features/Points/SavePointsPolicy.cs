using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Points;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points;

/// <summary>
/// Sets the expiry and birthday time rules. The lifetime applies to points earned from now on (points
/// already earned keep their date: members were told it); the reminder and quiet days apply from the
/// jobs' next run.
/// </summary>
public sealed record SavePointsPolicyCommand(string EditedBy, int LifetimeMonths, int ExpiryReminderDays, int BirthdayQuietDays) : ICommand<Result>;

public sealed class SavePointsPolicyValidator : CommandValidator<SavePointsPolicyCommand>
{
    public SavePointsPolicyValidator()
    {
        RuleFor(c => c.LifetimeMonths).InclusiveBetween(0, PointsPolicy.MaxLifetimeMonths)
            .WithKey("The points lifetime must be from 0 (never expire) to {0} months.", PointsPolicy.MaxLifetimeMonths);
        RuleFor(c => c.ExpiryReminderDays).InclusiveBetween(0, PointsPolicy.MaxExpiryReminderDays)
            .WithKey("The reminder must come 0 (no reminder) to {0} days ahead.", PointsPolicy.MaxExpiryReminderDays);
        RuleFor(c => c.BirthdayQuietDays).InclusiveBetween(0, PointsPolicy.MaxBirthdayQuietDays)
            .WithKey("The wait after a birthday change must be from 0 to {0} days.", PointsPolicy.MaxBirthdayQuietDays);
    }
}

public sealed class SavePointsPolicyHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<SavePointsPolicyCommand, Result>
{
    public async ValueTask<Result> Handle(SavePointsPolicyCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = await db.PointsPolicies.AsNoTracking()
            .Select(p => new { p.LifetimeMonths, p.ExpiryReminderDays, p.BirthdayQuietDays })
            .SingleOrDefaultAsync(cancellationToken);
        var editedBy = command.EditedBy.Length <= 200 ? command.EditedBy : command.EditedBy[..200];
        // One statement on the one row: two managers saving at once leave the later values, and a row
        // deleted by hand comes back.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO points_policy (id, lifetime_months, expiry_reminder_days, birthday_quiet_days, updated_at, updated_by)
            VALUES ({PointsPolicy.SingletonId}, {command.LifetimeMonths}, {command.ExpiryReminderDays}, {command.BirthdayQuietDays}, {clock.GetUtcNow()}, {editedBy})
            ON CONFLICT (id) DO UPDATE SET lifetime_months = excluded.lifetime_months, expiry_reminder_days = excluded.expiry_reminder_days,
                birthday_quiet_days = excluded.birthday_quiet_days, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, cancellationToken);
        await audit.RecordAsync(
            new AuditChange("points.policy", "points-policy", PointsPolicy.SingletonId.ToString(CultureInfo.InvariantCulture), before,
                new { command.LifetimeMonths, command.ExpiryReminderDays, command.BirthdayQuietDays }),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
