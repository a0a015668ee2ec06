using Club.Application.Abstractions;
using Club.Domain.Activities;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Activities;

public sealed record SaveActivitySettingsCommand(string EditedBy, ActivitySettingsView Settings) : ICommand<Result>;

public sealed class SaveActivitySettingsHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<SaveActivitySettingsCommand, Result>
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
        if (points.Values.Any(p => p is < 0 or > PointsRule.MaxPoints))
        {
            return Result.Fail("Points must be whole numbers from 0 to 100,000.");
        }

        var links = new[] { s.VkUrl, s.InstagramUrl, s.FacebookUrl, s.YouTubeUrl, s.OkUrl }.Select(Link).ToArray();
        if (links.Any(l => l is { Valid: false }))
        {
            return Result.Fail("A link must be a full web address starting with https://.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var settings = await db.ActivitySettings.SingleAsync(cancellationToken);
        (settings.VkUrl, settings.InstagramUrl, settings.FacebookUrl, settings.YouTubeUrl, settings.OkUrl) =
            (links[0]?.Url, links[1]?.Url, links[2]?.Url, links[3]?.Url, links[4]?.Url);
        settings.SocialAutoApprove = s.SocialAutoApprove;

        var rules = await db.PointsRules.Where(r => ActivityRules.Kinds.Contains(r.Kind)).ToListAsync(cancellationToken);
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

        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    /// <summary>Null for an empty field; only absolute http(s) addresses are links a member can open safely.</summary>
    private static (bool Valid, string? Url)? Link(string? text)
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
