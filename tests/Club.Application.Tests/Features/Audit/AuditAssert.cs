using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Club.Application.Abstractions;
using Club.Domain.Audit;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Audit;

/// <summary>
/// Reads an action's audit row and checks what it says: the entity, who did it from where, and the old and
/// new values of the fields that changed. Values are compared as JSON (field names camel-cased, enums by
/// name), the way <c>AuditTrail</c> stores them.
/// </summary>
public static class AuditAssert
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The newest row of <paramref name="action"/> on <paramref name="entityId"/>, checked for its entity type and actor.</summary>
    public static Task<AuditEntry> RowAsync(DatabaseFixture db, string action, string entityType, string entityId) =>
        RowAsync(db.Services, action, entityType, entityId);

    /// <summary>As above, on a database the test set up itself.</summary>
    public static async Task<AuditEntry> RowAsync(IServiceProvider services, string action, string entityType, string entityId)
    {
        await using var context = await services.GetRequiredService<IClubDbFactory>().CreateAsync();
        var row = await context.AuditLog.AsNoTracking()
            .Where(e => e.Action == action && e.EntityId == entityId)
            .OrderByDescending(e => e.Id)
            .FirstOrDefaultAsync();
        row.Should().NotBeNull($"{action} on {entityType} {entityId} is logged");
        row!.EntityType.Should().Be(entityType);
        (row.ActorId, row.ActorName, row.ClientAddress).Should().Be(
            (AuditActorFixture.Staff.UserId, AuditActorFixture.Staff.Name, AuditActorFixture.Staff.ClientAddress), "the row names who acted and from where");
        return row;
    }

    /// <summary><paramref name="field"/> (dotted for nested values) went from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static void Changed(AuditEntry row, string field, object? from, object? to)
    {
        Field(row, row.Before, "before", field).Should().Be(Expected(from), $"{row.Action}: {field} before");
        Field(row, row.After, "after", field).Should().Be(Expected(to), $"{row.Action}: {field} after");
    }

    /// <summary>A creation: nothing before, <paramref name="field"/> set to <paramref name="value"/> after.</summary>
    public static void Created(AuditEntry row, string field, object? value)
    {
        row.Before.Should().BeNull($"{row.Action} creates, so there is nothing before");
        Field(row, row.After, "after", field).Should().Be(Expected(value), $"{row.Action}: {field} after");
    }

    /// <summary>A removal: <paramref name="field"/> was <paramref name="value"/> before, nothing after.</summary>
    public static void Removed(AuditEntry row, string field, object? value)
    {
        Field(row, row.Before, "before", field).Should().Be(Expected(value), $"{row.Action}: {field} before");
        row.After.Should().BeNull($"{row.Action} removes, so there is nothing after");
    }

    /// <summary>What the action noted beside the change (a reason, an amount): <paramref name="field"/> of the after values.</summary>
    public static void After(AuditEntry row, string field, object? value) =>
        Field(row, row.After, "after", field).Should().Be(Expected(value), $"{row.Action}: {field} after");

    /// <summary><paramref name="field"/> of the before values.</summary>
    public static void Before(AuditEntry row, string field, object? value) =>
        Field(row, row.Before, "before", field).Should().Be(Expected(value), $"{row.Action}: {field} before");

    /// <summary>One field of the after values as compact JSON, for values the test cannot know in advance (times, new ids).</summary>
    public static string AfterValue(AuditEntry row, string field) => Field(row, row.After, "after", field);

    /// <summary>
    /// For actions that log a list of changed items (rules, tiers): the item whose <paramref name="key"/> is
    /// <paramref name="keyValue"/> had <paramref name="field"/> <paramref name="from"/> before and <paramref name="to"/> after.
    /// </summary>
    public static void ChangedItem(AuditEntry row, string list, string key, object keyValue, string field, object? from, object? to)
    {
        Item(row, row.Before, "before", list, key, keyValue, field).Should().Be(Expected(from), $"{row.Action}: {list}[{key}={keyValue}].{field} before");
        Item(row, row.After, "after", list, key, keyValue, field).Should().Be(Expected(to), $"{row.Action}: {list}[{key}={keyValue}].{field} after");
    }

    /// <summary>No secret (password, key, code) appears anywhere in the row, nor a field named like one.</summary>
    public static void HasNoSecret(AuditEntry row, params string[] secrets)
    {
        var text = $"{row.Before} {row.After} {row.PersonalValue}";
        foreach (var secret in secrets.Where(s => s.Length > 0))
        {
            text.Should().NotContain(secret, $"{row.Action} must not log a secret");
        }

        text.ToLowerInvariant().Should().NotContainAny(["password", "secret", "\"key\"", "totp", "hash"]);
    }

    private static string Field(AuditEntry row, string? json, string side, string field)
    {
        json.Should().NotBeNull($"{row.Action} records its {side} values");
        JsonNode? node = JsonNode.Parse(json!);
        foreach (var part in field.Split('.'))
        {
            node.Should().BeOfType<JsonObject>($"{row.Action}'s {side} values have {field}: {json}");
            node!.AsObject().ContainsKey(part).Should().BeTrue($"{row.Action}'s {side} values have {field}: {json}");
            node = node[part];
        }

        return Normal(node);
    }

    // The list is the whole side when list is "", else a field of it; a missing item reads as null.
    private static string Item(AuditEntry row, string? json, string side, string list, string key, object keyValue, string field)
    {
        json.Should().NotBeNull($"{row.Action} records its {side} values");
        var node = JsonNode.Parse(json!);
        var items = list.Length == 0 ? node : node?[list];
        items.Should().BeOfType<JsonArray>($"{row.Action}'s {side} values have the list {list}: {json}");
        var item = items!.AsArray().SingleOrDefault(i => Normal(i?[key]) == Expected(keyValue));
        return item is null ? "null" : Normal(item[field]);
    }

    private static string Expected(object? value) => Normal(JsonSerializer.SerializeToNode(value, Json));

    // Numbers by value (PostgreSQL's jsonb may write 5.0 for 5), everything else as compact JSON.
    private static string Normal(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture).ToString("G29", CultureInfo.InvariantCulture)
            : node?.ToJsonString() ?? "null";
}
