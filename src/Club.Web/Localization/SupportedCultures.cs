using System.Globalization;

namespace Club.Web.Localization;

public static class SupportedCultures
{
    public const string Default = "ru";
    public const string CookieName = "club.culture";
    public static IReadOnlyList<string> All { get; } = ["ru", "en"];

    /// <summary>
    /// The culture pages are shown in. English short dates read "4 Dec 2026": the neutral English culture's
    /// month-first "12/4/2026" names another day to most readers outside the United States.
    /// </summary>
    public static CultureInfo Create(string name)
    {
        var culture = new CultureInfo(name);
        if (culture.TwoLetterISOLanguageName == "en")
        {
            culture.DateTimeFormat.ShortDatePattern = "d MMM yyyy";
        }

        return culture;
    }
}
