namespace Club.Application.Abstractions;

/// <summary>CSV cells for staff exports opened in spreadsheets (audit log, gift orders, survey answers, partner report, catalogue): the one formula guard.</summary>
public static class CsvText
{
    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is neutralised so a spreadsheet never runs a member's text as a formula.</summary>
    public static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return "\"" + Defuse(value).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Text a spreadsheet would run as a formula (a leading =, +, -, @, tab or return) gets a leading apostrophe.</summary>
    public static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
