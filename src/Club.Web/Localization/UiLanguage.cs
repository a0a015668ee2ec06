using System.Globalization;

namespace Club.Web.Localization;

/// <summary>Which of the two languages the page is rendered in, for data kept in both (reference lists, product names).</summary>
public static class UiLanguage
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>
    /// The lang attribute for a product's name (kept in Russian) on this page: "ru" on an English page, so a screen
    /// reader pronounces it in Russian (WCAG 3.1.2); null on a Russian page, where it is the page's own language.
    /// </summary>
    public static string? OfProductNames => IsEnglish ? "ru" : null;
}
