using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Points;
using Club.Domain.Welcome;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Welcome;

public sealed record SaveWelcomeBonusSettingsCommand(string EditedBy, WelcomeBonusView Settings) : ICommand<Result>;

public sealed class SaveWelcomeBonusSettingsValidator : CommandValidator<SaveWelcomeBonusSettingsCommand>
{
    public SaveWelcomeBonusSettingsValidator()
    {
        RuleFor(c => c.Settings.Points).Points(PointsRule.MaxPoints);
        RuleFor(c => c.Settings.LifetimeMonths).InclusiveBetween(1, WelcomeBonusSettings.MaxLifetimeMonths)
            .WithKey("The welcome bonus lasts from {0} to {1} months.", 1, WelcomeBonusSettings.MaxLifetimeMonths);
        RuleFor(c => c.Settings.PaidWhen).IsInEnum().WithKey("Choose when the welcome bonus is paid.");
        RuleFor(c => c.Settings).Must(s => (s.TextRu ?? "").Trim().Length <= WelcomeBonusSettings.MaxTextLength && (s.TextEn ?? "").Trim().Length <= WelcomeBonusSettings.MaxTextLength)
            .WithKey("A text may be at most {0} characters long.", WelcomeBonusSettings.MaxTextLength);
        RuleFor(c => c.Settings).Must(s => !s.Enabled || s.Points > 0).WithKey("A welcome bonus that is on needs some points.");
    }
}

public sealed class SaveWelcomeBonusSettingsHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<SaveWelcomeBonusSettingsCommand, Result>
{
    public async ValueTask<Result> Handle(SaveWelcomeBonusSettingsCommand command, CancellationToken cancellationToken)
    {
        var edited = command.Settings;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var settings = await db.WelcomeBonusSettings.SingleAsync(cancellationToken);
        var before = Values(settings);
        // Switching it on starts a new welcome: members who joined while it was off did not join for it.
        if (edited.Enabled && !settings.Enabled)
        {
            settings.EnabledAt = now;
        }

        settings.Enabled = edited.Enabled;
        settings.Points = edited.Points;
        settings.LifetimeMonths = edited.LifetimeMonths;
        settings.PaidWhen = edited.PaidWhen;
        settings.TextRu = Text(edited.TextRu);
        settings.TextEn = Text(edited.TextEn);
        settings.UpdatedAt = now;
        settings.UpdatedBy = command.EditedBy.Length <= 200 ? command.EditedBy : command.EditedBy[..200];

        await audit.RecordAsync(new AuditChange("welcome.settings", "welcome-bonus-settings", "1", before, Values(settings)), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    private static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static object Values(WelcomeBonusSettings s) => new { s.Enabled, s.Points, s.LifetimeMonths, s.PaidWhen, s.TextRu, s.TextEn };
}
