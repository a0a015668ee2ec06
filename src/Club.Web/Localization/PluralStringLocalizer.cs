using System.Globalization;
using System.Text.RegularExpressions;
using Club.Application.Localization;
using Microsoft.Extensions.Localization;

namespace Club.Web.Localization;

/// <summary>
/// The UI strings with plural forms: a text's <c>{N:plural:one|few|many}</c> becomes the form for value N
/// (<see cref="Plural"/>), then the values are put in as usual. Registered in place of the plain
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
        var value = arguments.Length == 0 ? chosen : string.Format(CultureInfo.CurrentCulture, chosen, arguments);
        return new LocalizedString(text.Name, value, text.ResourceNotFound, text.SearchedLocation);
    }

    [GeneratedRegex(@"\{(?<index>\d+):plural:(?<forms>[^}]*)\}")]
    private static partial Regex PluralForms();
}
