namespace Club.Application.Features.Audit;

/// <summary>
/// One change for the audit log. <paramref name="Before"/> and <paramref name="After"/> are stored as JSON
/// (anonymous objects are fine); a member is named by <paramref name="MemberId"/>, and any personal value
/// (email, phone) goes to <paramref name="PersonalValue"/>, the one column erasing a member clears.
/// </summary>
public sealed record AuditChange(
    string Action,
    string EntityType,
    string EntityId,
    object? Before,
    object? After,
    Guid? MemberId = null,
    string? PersonalValue = null);

/// <summary>
/// Records staff changes in the append-only audit log. Call it from a handler after it has taken its
/// context from <c>IClubDbFactory</c>: the row goes on that context's connection, so it commits or rolls
/// back with the change. Inside an open transaction it is inserted at once; without one it is written by
/// the context's next <c>SaveChangesAsync</c> (call it before that). Actor and client address come from
/// <see cref="Abstractions.IRequestContext"/>.
/// </summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditChange change, CancellationToken ct);
}
