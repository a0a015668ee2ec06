using Club.Domain.Catalog;

namespace Club.Infrastructure.Persistence.DemoData;

/// <summary>A handful of gifts: for everyone, for buyers, for sellers, one only for the first partner's people, one draft.</summary>
internal static class DemoGifts
{
    public static IReadOnlyList<Gift> All(int partnerId, DateTimeOffset now) =>
    [
        Gift("Серьги-пусеты «Капля»", "Весна", 300, 25, GiftAudience.Everyone, "Серебро 925, аквамарин 4 мм. Упакованы в фирменную коробочку.", now),
        Gift("Кулон «Морская звезда»", "Море", 600, 10, GiftAudience.Everyone, "Серебро 925 с позолотой, топаз, цепочка 45 см в комплекте.", now),
        Gift("Браслет «Волна»", "Море", 1200, 5, GiftAudience.Buyers, "Серебро 925, регулируемая длина 16–19 см.", now),
        Gift("Кольцо «Лазурь»", "Классика", 2500, 3, GiftAudience.Everyone, "Золото 585, аквамарин 6 мм. Размер уточняется при получении.", now),
        Gift("Брошь «Стрекоза» для продавцов", "Весна", 800, 8, GiftAudience.Sellers, "Серебро 925, эмаль. Приз для лучших продавцов сезона.", now),
        Gift("Подвеска «Лазурит» — партнёрская серия", "Классика", 500, 6, GiftAudience.Sellers, "Только для сотрудников сети «Лазурит».", now, partnerId),
        Gift("Колье «Жемчужина» (готовится)", "Классика", 4000, 2, GiftAudience.Everyone, "Черновик: появится в каталоге позже.", now, state: GiftState.Draft),
    ];

    private static Gift Gift(
        string title, string collection, int points, int stock, GiftAudience audience, string description, DateTimeOffset now,
        int? partnerId = null, GiftState state = GiftState.Published) => new()
    {
        Title = title,
        Collection = collection,
        Points = points,
        Stock = stock,
        Audience = audience,
        Description = description,
        PartnerId = partnerId,
        State = state,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
