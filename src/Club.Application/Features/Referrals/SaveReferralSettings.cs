using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Points;
using Club.Domain.Referrals;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Referrals;

public sealed record SaveReferralSettingsCommand(string EditedBy, ReferralSettingsView Settings) : ICommand<Result>;

public sealed class SaveReferralSettingsValidator : CommandValidator<SaveReferralSettingsCommand>
{
    public SaveReferralSettingsValidator()
    {
        RuleFor(c => c.Settings.ReferrerPoints).Points(PointsRule.MaxPoints);
        RuleFor(c => c.Settings.FriendPoints).Points(PointsRule.MaxPoints);
        RuleFor(c => c.Settings.MonthlyCap).InclusiveBetween(1, ReferralSettings.MaxMonthlyCap)
            .WithKey("Invitations paid a month: from {0} to {1}.", 1, ReferralSettings.MaxMonthlyCap);
        RuleFor(c => c.Settings).Must(s => !s.Enabled || s.ReferrerPoints + s.FriendPoints > 0).WithKey("Invitations that are on need some points.");
    }
}

public sealed class SaveReferralSettingsHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<SaveReferralSettingsCommand, Result>
{
    public async ValueTask<Result> Handle(SaveReferralSettingsCommand command, CancellationToken cancellationToken)
    {
        var edited = command.Settings;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var settings = await db.ReferralSettings.SingleAsync(cancellationToken);
        var before = new ReferralSettingsView(settings.Enabled, settings.ReferrerPoints, settings.FriendPoints, settings.MonthlyCap);
        (settings.Enabled, settings.ReferrerPoints, settings.FriendPoints, settings.MonthlyCap) = (edited.Enabled, edited.ReferrerPoints, edited.FriendPoints, edited.MonthlyCap);
        settings.UpdatedAt = clock.GetUtcNow();
        settings.UpdatedBy = command.EditedBy.Length <= 200 ? command.EditedBy : command.EditedBy[..200];
        await audit.RecordAsync(new AuditChange("referrals.settings", "referral-settings", "1", before, edited), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
