using System.Text.Json;
using System.Text.Json.Serialization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Audit;
using Club.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Club.Infrastructure.Audit;

/// <summary>
/// Writes audit rows on the calling handler's context (<see cref="CurrentClubDb"/>): inserted at once inside
/// its transaction, else added to its next SaveChanges. Either way the row shares the change's fate.
/// </summary>
internal sealed class AuditTrail(IRequestContext request, TimeProvider clock) : IAuditTrail
{
    // Enums by name: the log is read by people, years after the enum's numbers may have moved.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task RecordAsync(AuditChange change, CancellationToken ct)
    {
        var db = CurrentClubDb.Get()
            ?? throw new InvalidOperationException("IAuditTrail.RecordAsync needs the handler's open context from IClubDbFactory.");
        var actor = request.Actor;
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = actor.UserId,
            ActorName = Cut(actor.Name, AuditEntry.MaxActorLength),
            ClientAddress = actor.ClientAddress is null ? null : Cut(actor.ClientAddress, AuditEntry.MaxAddressLength),
            Action = change.Action,
            EntityType = change.EntityType,
            EntityId = Cut(change.EntityId, AuditEntry.MaxEntityIdLength),
            Before = ToJson(change.Before),
            After = ToJson(change.After),
            MemberId = change.MemberId,
            PersonalValue = change.PersonalValue is null ? null : Cut(change.PersonalValue, AuditEntry.MaxPersonalValueLength),
        };

        if (db.Database.CurrentTransaction is null)
        {
            db.AuditLog.Add(entry);
            return;
        }

        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO audit_log (at, actor_id, actor_name, client_address, action, entity_type, entity_id, before, after, member_id, personal_value)
            VALUES ({entry.At}, {entry.ActorId}, {entry.ActorName}, {entry.ClientAddress}, {entry.Action}, {entry.EntityType}, {entry.EntityId},
                    CAST({entry.Before} AS jsonb), CAST({entry.After} AS jsonb), {entry.MemberId}, {entry.PersonalValue})
            """,
            ct);
    }

    private static string? ToJson(object? value) => value switch
    {
        null => null,
        string text => JsonSerializer.Serialize(text, Json),
        _ => JsonSerializer.Serialize(value, value.GetType(), Json),
    };

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max];
}
