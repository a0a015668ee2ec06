using Club.Domain.Products;

namespace Club.Domain.Activities;

/// <summary>
/// Extra points on item registrations of a collection or category, for one partner's items (the
/// partner the tag's batch was shipped to) or everybody's, between two dates; or, for sellers
/// (<see cref="ForSellers"/>), extra points on the sales of one partner's sellers or everybody's.
/// </summary>
public sealed class Promotion
{
    public const int MaxTitleLength = 200;

    /// <summary>The highest multiplier a manager may set: a typo must not pay a hundred times.</summary>
    public const decimal MaxMultiplier = 10m;

    public int Id { get; set; }

    /// <summary>
    /// True: a seller promotion, whose bonus is on the seller's points for a confirmed sale (recorded while it
    /// runs, by a seller of its partner); false: a buyer's, on item registrations.
    /// </summary>
    public bool ForSellers { get; set; }

    /// <summary>One product only (seller promotions); null: every product of the collection and category.</summary>
    public int? ProductId { get; set; }

    public required string Title { get; set; }

    /// <summary>Null: every partner's items.</summary>
    public int? PartnerId { get; set; }

    /// <summary>Null with a null <see cref="Category"/>: every product.</summary>
    public string? Collection { get; set; }

    /// <summary>A category code (<see cref="CatalogueTerm"/>).</summary>
    public string? Category { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public int ExtraPoints { get; set; }

    /// <summary>Multiplies the item's points; the bonus is the part above 1 (1.5 pays half the item's points again).</summary>
    public decimal Multiplier { get; set; } = 1m;

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>The bonus on top of an item worth <paramref name="itemPoints"/>.</summary>
    public static int BonusFor(int itemPoints, int extraPoints, decimal multiplier) =>
        extraPoints + (int)Math.Round(itemPoints * (multiplier - 1m), MidpointRounding.AwayFromZero);
}
