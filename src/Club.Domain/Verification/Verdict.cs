namespace Club.Domain.Verification;

/// <summary>
/// What a tag's page says about it. All but <see cref="NotGenuine"/> come from the database function
/// tag_terms, the one definition of the order: a withdrawn tag or batch wins over a registration, a
/// registration over a batch not yet on sale.
/// </summary>
public enum Verdict
{
    NotGenuine,
    Available,
    Yours,
    SomeoneElses,
    Voided,

    /// <summary>The tag's batch is not on sale yet (Generated, Printed or Shipped): nobody may register or sell it.</summary>
    NotReleased,
}
