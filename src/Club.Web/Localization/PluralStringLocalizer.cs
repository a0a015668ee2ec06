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

    public LocalizedString this[string name] => Resolve(inner[name], []);

    public LocalizedString this[string name, params object[] arguments] => Resolve(inner[name], arguments);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

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
