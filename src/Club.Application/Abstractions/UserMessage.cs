using System.Globalization;

namespace Club.Application.Abstractions;

/// <summary>
/// A message for the user: an English key that the page translates, and the values for its {0}, {1}...
/// Limits travel as values (not as text inside the key), so a changed constant changes every language.
/// </summary>
public sealed record UserMessage(string Key, IReadOnlyList<object> Args)
{
    public UserMessage(string key)
        : this(key, [])
    {
    }

    /// <summary>The English text, for logs and tests; pages translate <see cref="Key"/> instead.</summary>
    public string Text => Args.Count == 0 ? Key : string.Format(CultureInfo.InvariantCulture, Key, [.. Args]);

    public override string ToString() => Text;

    public static implicit operator UserMessage(string key) => new(key);
}
