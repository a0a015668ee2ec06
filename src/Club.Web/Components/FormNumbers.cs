using System.Globalization;

namespace Club.Web.Components;

/// <summary>
/// Whole numbers typed into form fields bound as text, so a refused value is shown again as typed.
/// Only the format is checked here; ranges belong to the command's validator.
/// </summary>
internal static class FormNumbers
{
    /// <summary>Empty is null; a whole number of at most 9 digits is its value; anything else is refused.</summary>
    public static bool TryWhole(string? text, out int? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var trimmed = text.Trim();
        if (trimmed.Length <= 9 && int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }

        return false;
    }

    public static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
