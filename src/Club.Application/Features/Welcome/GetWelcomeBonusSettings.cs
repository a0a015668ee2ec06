using Club.Application.Abstractions;
using Club.Domain.Welcome;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Welcome;

/// <summary>The welcome bonus as the program manager edits it and as the sign-up page announces it.</summary>
public sealed record GetWelcomeBonusSettingsQuery : IQuery<WelcomeBonusView>;

public sealed record WelcomeBonusView(bool Enabled, int Points, int LifetimeMonths, WelcomeBonusTrigger PaidWhen, string? TextRu, string? TextEn)
{
    /// <summary>The line for the sign-up page in the reader's language, or null when the bonus is off or has no text.</summary>
    public string? TextFor(string language) =>
        !Enabled || Points <= 0 ? null : language == "ru" ? TextRu : TextEn;
}

public sealed class GetWelcomeBonusSettingsHandler(IClubDbFactory dbFactory) : IQueryHandler<GetWelcomeBonusSettingsQuery, WelcomeBonusView>
{
    public async ValueTask<WelcomeBonusView> Handle(GetWelcomeBonusSettingsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var s = await db.WelcomeBonusSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new WelcomeBonusSettings();
        return new WelcomeBonusView(s.Enabled, s.Points, s.LifetimeMonths, s.PaidWhen, s.TextRu, s.TextEn);
    }
}
