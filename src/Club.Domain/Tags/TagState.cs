namespace Club.Domain.Tags;

/// <summary>The state of one tag, on top of its batch's state.</summary>
public enum TagState : short
{
    Issued = 0,

    /// <summary>A spoiled or lost label withdrawn on its own; reads as void on the scan page.</summary>
    Voided = 1,

    /// <summary>A buyer registered the item with its scratch code.</summary>
    Registered = 2,
}
