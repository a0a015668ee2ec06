using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Activities;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Activities;

/// <summary>The activity settings as a program manager edits them: the brand's pages, auto-approval and the amounts.</summary>
public sealed record GetActivitySettingsQuery : IQuery<ActivitySettingsView>;

public sealed record ActivitySettingsView(
    string? VkUrl, string? InstagramUrl, string? FacebookUrl, string? YouTubeUrl, string? OkUrl, bool SocialAutoApprove,
    int BuyerProfile, int SellerProfile, int BuyerSocial, int SellerSocial);

public sealed class GetActivitySettingsHandler(IClubDbFactory dbFactory) : IQueryHandler<GetActivitySettingsQuery, ActivitySettingsView>
{
    public async ValueTask<ActivitySettingsView> Handle(GetActivitySettingsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var s = await ActivityRules.SettingsAsync(db, cancellationToken);
        var points = await ActivityRules.AllPointsAsync(db, cancellationToken);
        return new ActivitySettingsView(s.VkUrl, s.InstagramUrl, s.FacebookUrl, s.YouTubeUrl, s.OkUrl, s.SocialAutoApprove,
            points[PointsRuleKind.BuyerProfile], points[PointsRuleKind.SellerProfile], points[PointsRuleKind.BuyerSocial], points[PointsRuleKind.SellerSocial]);
    }
}

/// <summary>Reading the activity amounts and settings, shared by the activity use cases.</summary>
public static class ActivityRules
{
    public static readonly IReadOnlyList<PointsRuleKind> Kinds =
        [PointsRuleKind.BuyerProfile, PointsRuleKind.SellerProfile, PointsRuleKind.BuyerSocial, PointsRuleKind.SellerSocial];

    public static async Task<ActivitySettings> SettingsAsync(IClubDb db, CancellationToken cancellationToken) =>
        await db.ActivitySettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new ActivitySettings();

    /// <summary>Each activity amount; an activity without a rule pays nothing.</summary>
    public static async Task<IReadOnlyDictionary<PointsRuleKind, int>> AllPointsAsync(IClubDb db, CancellationToken cancellationToken)
    {
        var rules = await db.PointsRules.Where(r => Kinds.Contains(r.Kind)).ToDictionaryAsync(r => r.Kind, r => r.Points, cancellationToken);
        return Kinds.ToDictionary(k => k, k => rules.GetValueOrDefault(k));
    }

    public static async Task<int> PointsAsync(IClubDb db, PointsRuleKind kind, CancellationToken cancellationToken) =>
        await PointsLedger.GlobalRulePointsAsync(db, kind, cancellationToken) ?? 0;
}
