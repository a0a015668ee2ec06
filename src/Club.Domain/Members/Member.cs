namespace Club.Domain.Members;

/// <summary>
/// The profile of a person in the club. The account (email, phone, password, lockout) lives in
/// ASP.NET Core Identity with the same id; this is what the program itself knows about the person.
/// </summary>
public sealed class Member
{
    public const int MaxNameLength = 100;
    public const int MaxCityLength = 100;
    public const int MaxPositionLength = 100;

    public Guid Id { get; set; }
    public required string FullName { get; set; }
    public DateOnly? Birthday { get; set; }

    /// <summary>When the member last changed their birthday in the cabinet: a fresh change does not pay birthday points.</summary>
    public DateTimeOffset? BirthdayChangedAt { get; set; }
    public string? City { get; set; }

    /// <summary>The partner a seller or partner manager belongs to; null for buyers and brand staff.</summary>
    public int? PartnerId { get; set; }

    /// <summary>The shop a seller works at.</summary>
    public int? ShopId { get; set; }

    /// <summary>A seller's job title at the shop ("sales assistant", "shop manager").</summary>
    public string? Position { get; set; }

    /// <summary>Set for sellers only: whether a program manager has activated the account.</summary>
    public SellerStatus? SellerStatus { get; set; }

    /// <summary>When the person agreed to the processing of their personal data.</summary>
    public DateTimeOffset? ConsentedAt { get; set; }

    /// <summary>UI language the member chose ("ru" or "en").</summary>
    public string Culture { get; set; } = "ru";

    public DateTimeOffset JoinedAt { get; set; }

    /// <summary>How this seller's name is shown to other sellers (leaderboards); initials until they choose.</summary>
    public SellerNameDisplay NameToSellers { get; set; } = SellerNameDisplay.Initials;
}
