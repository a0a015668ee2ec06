using Club.Domain.Activities;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;

namespace Club.Infrastructure.Persistence.DemoData;

/// <summary>
/// A little of each activity so the site shows them at once: amounts, the brand's pages, a survey for
/// buyers, a contest and a promotion on one collection (not the one the tests register).
/// </summary>
internal static class DemoActivities
{
    public static async Task<int> AddAsync(ClubDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Surveys.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var now = DateTimeOffset.UtcNow;
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var settings = await db.ActivitySettings.SingleAsync(cancellationToken);
        settings.VkUrl = "https://vk.com/aquamarine_club";
        settings.InstagramUrl = "https://instagram.com/aquamarine_club";
        settings.FacebookUrl = "https://facebook.com/aquamarine.club";
        settings.YouTubeUrl = "https://youtube.com/@aquamarine_club";
        settings.OkUrl = "https://ok.ru/aquamarine_club";

        foreach (var (kind, points) in new[] { (PointsRuleKind.BuyerProfile, 200), (PointsRuleKind.SellerProfile, 200), (PointsRuleKind.BuyerSocial, 50), (PointsRuleKind.SellerSocial, 50) })
        {
            if (!await db.PointsRules.AnyAsync(r => r.Kind == kind, cancellationToken))
            {
                db.PointsRules.Add(new PointsRule { Kind = kind, Points = points, UpdatedAt = now, UpdatedBy = "demo data" });
            }
        }

        db.Surveys.Add(new Survey
        {
            Title = "Как вам наши украшения?",
            Description = "Три коротких вопроса — и 100 баллов на ваш счёт.",
            Target = SurveyTarget.Buyers,
            OpensAt = today,
            ClosesAt = today.AddDays(30),
            Points = 100,
            CreatedAt = now,
            CreatedBy = "demo data",
            Questions =
            [
                new SurveyQuestion { Position = 1, Text = "Оцените качество изделия", Kind = QuestionKind.Rating, IsRequired = true },
                new SurveyQuestion { Position = 2, Text = "Где вы узнали о нас?", Kind = QuestionKind.SingleChoice, IsRequired = true, Options = ["В магазине", "В соцсетях", "От друзей"] },
                new SurveyQuestion { Position = 3, Text = "Оцените продавца", Kind = QuestionKind.Rating, AboutSeller = true },
                new SurveyQuestion { Position = 4, Text = "Что нам улучшить?", Kind = QuestionKind.FreeText },
            ],
        });
        db.Contests.Add(new Contest
        {
            Title = "Фото с любимым украшением",
            Description = "Опубликуйте фото с украшением AQUAMARINE и отметьте нас. Лучшие три фото получат призовые баллы.",
            StartsAt = today,
            EndsAt = today.AddDays(30),
            EntryPoints = 50,
            WinnerPoints = 500,
            CreatedAt = now,
            CreatedBy = "demo data",
        });
        db.Promotions.Add(new Promotion
        {
            Title = "Северное сияние ×1.5",
            Collection = "Северное сияние",
            StartsAt = today,
            EndsAt = today.AddDays(60),
            Multiplier = 1.5m,
            CreatedAt = now,
            CreatedBy = "demo data",
        });
        return 3;
    }
}
