using System.Globalization;

namespace Club.Application.Localization;

/// <summary>
/// The one home of plural rules (CLDR, integers): Russian one / few / many ("1 балл", "2 балла",
/// "5 баллов", "11 баллов", "21 балл"), English one / other. Resource texts choose a form inline with
/// <c>{0:plural:балл|балла|баллов}</c> (English <c>{0:plural:point|points}</c>), resolved by
/// the web's <c>PluralStringLocalizer</c> before the values are put in; mail templates use the same rules
/// (<c>{Points:plural:балл|балла|баллов}</c>).
/// </summary>
public static class Plural
{
    /// <summary>The index of the form for <paramref name="count"/>: Russian 0 one, 1 few, 2 many; English 0 one, 1 other.</summary>
    public static int FormIndex(long count, CultureInfo culture)
    {
        var n = Math.Abs(count);
        if (culture.TwoLetterISOLanguageName != "ru")
        {
            return n == 1 ? 0 : 1;
        }

        var lastDigit = n % 10;
        var lastTwo = n % 100;
        return lastDigit == 1 && lastTwo != 11 ? 0
            : lastDigit is >= 2 and <= 4 && lastTwo is < 12 or > 14 ? 1
            : 2;
    }

    /// <summary>The form for <paramref name="count"/> among "one|few|many" (or "one|other"); the last one when fewer are given.</summary>
    public static string Choose(long count, string forms, CultureInfo culture)
    {
        var choices = forms.Split('|');
        return choices[Math.Min(FormIndex(count, culture), choices.Length - 1)];
    }

    /// <summary>The number in a value as shown: an integer, or a string such as "1 000" from N0 formatting.</summary>
    public static long? CountOf(object? value) => value switch
    {
        int i => i,
        long l => l,
        short s => s,
        decimal d => (long)decimal.Truncate(d),
        double d => (long)Math.Truncate(d),
        string text when long.TryParse(new string(text.Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
