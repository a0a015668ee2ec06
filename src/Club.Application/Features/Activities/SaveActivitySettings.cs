using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Activities;
using Club.Domain.Points;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Activities;

public sealed record SaveActivitySettingsCommand(string EditedBy, ActivitySettingsView Settings) : ICommand<Result>;

public sealed class SaveActivitySettingsValidator : CommandValidator<SaveActivitySettingsCommand>
{
    public SaveActivitySettingsValidator()
    {
        RuleFor(c => c.Settings.BuyerProfile).Points(PointsRule.MaxPoints);
        RuleFor(c => c.Settings.SellerProfile).Points(PointsRule.MaxPoints);
        RuleFor(c => c.Settings.BuyerSocial).Points(PointsRule.MaxPoints);
        RuleFor(c => c.Settings.SellerSocial).Points(PointsRule.MaxPoints);
        RuleFor(c => c.Settings).Must(s => new[] { s.VkUrl, s.InstagramUrl, s.FacebookUrl, s.YouTubeUrl, s.OkUrl }
                .Select(SaveActivitySettingsHandler.Link).All(l => l is not { Valid: false }))
            .WithKey("A link must be a full web address starting with https://.");
    }
}

public sealed class SaveActivitySettingsHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<SaveActivitySettingsCommand, Result>
{
    public async ValueTask<Result> Handle(SaveActivitySettingsCommand command, CancellationToken cancellationToken)
    {
        var s = command.Settings;
        var points = new Dictionary<PointsRuleKind, int>
        {
            [PointsRuleKind.BuyerProfile] = s.BuyerProfile,
            [PointsRuleKind.SellerProfile] = s.SellerProfile,
            [PointsRuleKind.BuyerSocial] = s.BuyerSocial,
            [PointsRuleKind.SellerSocial] = s.SellerSocial,
        };
        var links = new[] { s.VkUrl, s.InstagramUrl, s.FacebookUrl, s.YouTubeUrl, s.OkUrl }.Select(Link).ToArray();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var settings = await db.ActivitySettings.SingleAsync(cancellationToken);
        var before = Values(settings);
        (settings.VkUrl, settings.InstagramUrl, settings.FacebookUrl, settings.YouTubeUrl, settings.OkUrl) =
            (links[0]?.Url, links[1]?.Url, links[2]?.Url, links[3]?.Url, links[4]?.Url);
        settings.SocialAutoApprove = s.SocialAutoApprove;

        var rules = await db.PointsRules.Where(r => ActivityRules.Kinds.Contains(r.Kind)).ToListAsync(cancellationToken);
        var pointsBefore = rules.ToDictionary(r => r.Kind.ToString(), r => r.Points);
        foreach (var (kind, value) in points)
        {
            var rule = rules.SingleOrDefault(r => r.Kind == kind);
            if (rule is null)
            {
                rule = new PointsRule { Kind = kind };
                db.PointsRules.Add(rule);
            }
            else if (rule.Points == value)
            {
                continue;
            }

            rule.Points = value;
            rule.UpdatedAt = now;
            rule.UpdatedBy = command.EditedBy.Length <= 200 ? command.EditedBy : command.EditedBy[..200];
        }

        await audit.RecordAsync(
            new AuditChange("activities.settings", "activity-settings", "1",
                new { Settings = before, Points = pointsBefore },
                new { Settings = Values(settings), Points = points.ToDictionary(p => p.Key.ToString(), p => p.Value) }),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    private static object Values(ActivitySettings settings) => new
    {
        settings.VkUrl, settings.InstagramUrl, settings.FacebookUrl, settings.YouTubeUrl, settings.OkUrl, settings.SocialAutoApprove,
    };

    /// <summary>Null for an empty field; only absolute http(s) addresses are links a member can open safely.</summary>
    internal static (bool Valid, string? Url)? Link(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var url = text.Trim();
        var valid = url.Length <= ActivitySettings.MaxUrlLength
            && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
        return (valid, url);
    }
}
