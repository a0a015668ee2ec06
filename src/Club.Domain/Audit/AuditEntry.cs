namespace Club.Domain.Audit;

/// <summary>
/// One staff (or job, or command-line) change: who, when, from where, what and the values before and
/// after. Append-only in the database; the only permitted change is erasing a member's personal value.
/// </summary>
public sealed class AuditEntry
{
    public const int MaxActionLength = 100;
    public const int MaxEntityTypeLength = 100;
    public const int MaxEntityIdLength = 200;
    public const int MaxActorLength = 256;
    public const int MaxAddressLength = 64;
    public const int MaxPersonalValueLength = 1000;

    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The signed-in staff member's user id; null for jobs and commands.</summary>
    public Guid? ActorId { get; set; }

    /// <summary>The actor as shown then (email, or "system"/"cli"), kept as it was when the change happened.</summary>
    public required string ActorName { get; set; }

    /// <summary>The client's address as the site saw it after trusted proxies' forwarded headers.</summary>
    public string? ClientAddress { get; set; }

    /// <summary>What was done, e.g. "batch.state", "seller.decision", "staff.invite".</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }
    public required string EntityId { get; set; }

    /// <summary>JSON of the values before and after; never a member's personal data (that goes to <see cref="PersonalValue"/>).</summary>
    public string? Before { get; set; }

    public string? After { get; set; }

    /// <summary>The member the change concerns, by id only, so erasing a member needs no rewrite of JSON.</summary>
    public Guid? MemberId { get; set; }

    /// <summary>A personal value worth recording (an email, a phone); cleared when the member is erased.</summary>
    public string? PersonalValue { get; set; }
}
