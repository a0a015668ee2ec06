using System.Text.Json;

namespace Club.Web.Components.Pages.Audit;

/// <summary>
/// An audit row's before/after JSON as "field: old → new" lines, so a change reads on a phone without
/// reading JSON. Objects are compared field by field; anything else (lists, plain values) as a whole.
/// </summary>
public static class AuditDiff
{
    public sealed record Line(string Field, string? Before, string? After)
    {
        public bool Changed => Before != After;
    }

    public static IReadOnlyList<Line> Lines(string? before, string? after)
    {
        using var old = Parse(before);
        using var @new = Parse(after);
        var oldFields = Fields(old);
        var newFields = Fields(@new);
        // Field by field when each side is an object or missing; a list or plain value is shown whole.
        var fieldWise = (old is null || oldFields is not null) && (@new is null || newFields is not null);
        if (!fieldWise)
        {
            return [new Line("", Text(old?.RootElement), Text(@new?.RootElement))];
        }

        var names = (oldFields ?? []).Keys.Concat((newFields ?? []).Keys).Distinct();
        return [.. names.Select(name => new Line(name, Text(oldFields?.GetValueOrDefault(name)), Text(newFields?.GetValueOrDefault(name))))];
    }

    private static JsonDocument? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, JsonElement>? Fields(JsonDocument? document) =>
        document?.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value)
            : null;

    private static string? Text(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { } other => other.GetRawText(),
    };
}
