using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Club.Application.Abstractions;

/// <summary>
/// Builds one parameterised statement out of fixed SQL from this code base and a caller's
/// <see cref="FormattableString"/> (the ledger's and the outbox's set-based statements wrap a job's
/// "who is due" query). Only SQL text written here is spliced; every value stays a parameter.
/// </summary>
public static partial class SqlComposition
{
    /// <summary>
    /// <paramref name="template"/> with <c>/*inner*/</c> replaced by <paramref name="inner"/>'s text (its
    /// placeholders renumbered after <paramref name="args"/>), <c>{0}</c>.. referring to <paramref name="args"/>.
    /// </summary>
    public static FormattableString Wrap(string template, object?[] args, FormattableString inner)
    {
        var innerFormat = Renumber(inner.Format, args.Length);
        return FormattableStringFactory.Create(template.Replace("/*inner*/", innerFormat, StringComparison.Ordinal), [.. args, .. inner.GetArguments()]);
    }

    /// <summary>Placeholders {0}, {1}... of <paramref name="sql"/> moved up by <paramref name="offset"/>.</summary>
    public static string Renumber(string sql, int offset) =>
        Placeholder().Replace(sql, m =>
            "{" + (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + offset).ToString(CultureInfo.InvariantCulture) + "}");

    [GeneratedRegex(@"(?<!\{)\{(\d+)\}(?!\})")]
    private static partial Regex Placeholder();
}
