using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Club.Application.Localization;
using Microsoft.Extensions.Localization;

namespace Club.Web.Localization;

/// <summary>
/// The UI strings with plural forms: a text's <c>{N:plural:one|few|many}</c> becomes the form for value N
/// (<see cref="Plural"/>), and <c>{N:quoted}</c> value N in the language's quotes (<see cref="Quotes"/>:
/// a product named «Капля» inside «…» would otherwise read «Подвеска «Капля»»); then the values are put
/// in as usual. Registered in place of the plain
/// localizer of <see cref="SharedResource"/>, so every page and message gets correct forms without
/// code of its own.
/// </summary>
public sealed partial class PluralStringLocalizer(IStringLocalizerFactory factory) : IStringLocalizer<SharedResource>
{
    private readonly IStringLocalizer inner = factory.Create(typeof(SharedResource));

    // The resources do not change while the site runs: a text is looked up once per language, with whether it
    // has plural or quoted parts (the resource manager and two regular expressions per text cost the scan page
    // 3 % of its CPU). English texts are mostly the keys themselves, not in the resources, so those are kept
    // too, up to a bound far above the texts there are, so that no stream of odd keys can grow it for ever.
    private const int MostTexts = 50_000;
    private readonly ConcurrentDictionary<(string Culture, string Name), Text> texts = new();
    private int kept;

    private sealed record Text(LocalizedString Found, bool HasParts);

    public LocalizedString this[string name] => Resolve(Lookup(name), []);

    public LocalizedString this[string name, params object[] arguments] => Resolve(Lookup(name), arguments);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

    private Text Lookup(string name)
    {
        var key = (CultureInfo.CurrentUICulture.Name, name);
        if (texts.TryGetValue(key, out var known))
        {
            return known;
        }

        var found = inner[name];
        var text = new Text(found, found.Value.Contains(":plural:", StringComparison.Ordinal) || found.Value.Contains(":quoted}", StringComparison.Ordinal));
        if (Volatile.Read(ref kept) < MostTexts && texts.TryAdd(key, text))
        {
            Interlocked.Increment(ref kept);
        }

        return text;
    }

    private static LocalizedString Resolve(Text text, object[] arguments)
    {
        if (!text.HasParts)
        {
            return arguments.Length == 0 ? text.Found
                : new LocalizedString(text.Found.Name, string.Format(CultureInfo.CurrentCulture, text.Found.Value, arguments), text.Found.ResourceNotFound, text.Found.SearchedLocation);
        }

        return Resolve(text.Found, arguments);
    }

    private static LocalizedString Resolve(LocalizedString text, object[] arguments)
    {
        var culture = CultureInfo.CurrentUICulture;
        var chosen = PluralForms().Replace(text.Value, match =>
        {
            var index = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
            var count = index < arguments.Length ? Plural.CountOf(arguments[index]) : null;
            return count is { } n ? Plural.Choose(n, match.Groups["forms"].Value, culture) : match.Groups["forms"].Value.Split('|')[^1];
        });
        var quoted = QuotedValues().Replace(chosen, match =>
        {
            var index = int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture);
            var name = index < arguments.Length ? Convert.ToString(arguments[index], CultureInfo.CurrentCulture) ?? "" : "";
            return Quotes.Around(name, culture).Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
        });
        var value = arguments.Length == 0 ? quoted : string.Format(CultureInfo.CurrentCulture, quoted, arguments);
        return new LocalizedString(text.Name, value, text.ResourceNotFound, text.SearchedLocation);
    }

    [GeneratedRegex(@"\{(?<index>\d+):plural:(?<forms>[^}]*)\}")]
    private static partial Regex PluralForms();

    [GeneratedRegex(@"\{(?<index>\d+):quoted\}")]
    private static partial Regex QuotedValues();
}
