namespace Club.Infrastructure.Persistence;

/// <summary>
/// The context a handler last took from <see cref="ClubDbFactory"/> in the current async flow, so the audit
/// trail writes on the handler's own connection and transaction without being handed the context. A
/// lease token tells a context that was disposed (and may now serve someone else from the pool) apart.
/// </summary>
internal static class CurrentClubDb
{
    private static readonly AsyncLocal<Lease?> current = new();

    /// <summary>Called synchronously by the factory: a value set in a non-async method stays visible to its caller.</summary>
    public static void Enter(ClubDbContext context)
    {
        var token = new object();
        context.LeaseToken = token;
        current.Value = new Lease(context, token);
    }

    public static ClubDbContext? Get() =>
        current.Value is { } lease && ReferenceEquals(lease.Context.LeaseToken, lease.Token) ? lease.Context : null;

    private sealed record Lease(ClubDbContext Context, object Token);
}
