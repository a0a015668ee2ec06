namespace Club.Domain.Members;

/// <summary>A seller's choice of how other sellers see their name (leaderboards and anything else sellers share).</summary>
public enum SellerNameDisplay
{
    /// <summary>The first letter of each word of the name: "Anna Petrova" is "A. P.".</summary>
    Initials = 0,

    /// <summary>The name as the seller gave it.</summary>
    Full = 1,

    /// <summary>No name at all: other sellers see only a place and figures.</summary>
    Hidden = 2,
}

public static class SellerNames
{
    /// <summary>The name other sellers may see, or null when the seller hides it.</summary>
    public static string? ShownToSellers(string fullName, SellerNameDisplay display) => display switch
    {
        SellerNameDisplay.Full => fullName.Trim(),
        SellerNameDisplay.Initials => string.Join(" ",
            fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(w => char.ToUpperInvariant(w[0]) + ".")),
        _ => null,
    };
}
