namespace Club.Infrastructure.Persistence;

public static class HealthTags
{
    /// <summary>Checks that must pass before a node gets traffic (/health/ready).</summary>
    public const string Ready = "ready";
}
