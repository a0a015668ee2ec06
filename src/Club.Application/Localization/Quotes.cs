using System.Globalization;

namespace Club.Application.Localization;

/// <summary>
/// A name put in the language's quotes: Russian «…», English “…”. Quotes already inside the name become
/// the inner kind (Russian «Подвеска „Капля“», English “Pendant ‘Drop’”), so no quote is ever doubled
/// («Подвеска «Капля»» reads as broken). Resource texts ask for it with <c>{0:quoted}</c>, mail templates
/// with <c>{Product:quoted}</c>.
/// </summary>
public static class Quotes
{
    public static string Around(string value, CultureInfo culture) => culture.TwoLetterISOLanguageName == "en"
        ? "\u201C" + value.Replace('\u201C', '\u2018').Replace('\u201D', '\u2019').Replace('"', '\'') + "\u201D"
        : "«" + value.Replace('«', '„').Replace('»', '“') + "»";
}
