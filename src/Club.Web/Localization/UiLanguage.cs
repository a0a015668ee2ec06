using System.Globalization;

namespace Club.Web.Localization;

/// <summary>Which of the two languages the page is rendered in, for data kept in both (reference lists, product names).</summary>
public static class UiLanguage
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
