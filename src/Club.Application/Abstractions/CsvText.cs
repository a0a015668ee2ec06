namespace Club.Application.Abstractions;

/// <summary>CSV cells for staff exports opened in spreadsheets (audit log, gift orders, survey answers): the one formula guard.</summary>
public static class CsvText
{
    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is neutralised so a spreadsheet never runs a member's text as a formula.</summary>
    public static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var safe = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
