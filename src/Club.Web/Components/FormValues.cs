using System.Globalization;

namespace Club.Web.Components;

/// <summary>Reads plain (unbound) form posts by field name, for pages with several small forms.</summary>
internal static class FormValues
{
    public static string? Value(this HttpContext http, string name) =>
        http.Request.HasFormContentType ? http.Request.Form[name].ToString() : null;

    /// <summary>A whole number, or null for anything else (empty, text, out of range).</summary>
    public static int? Number(this HttpContext http, string name) =>
        int.TryParse(http.Value(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
