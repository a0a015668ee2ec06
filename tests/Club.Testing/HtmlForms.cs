using System.Net;
using System.Text.RegularExpressions;

namespace Club.Testing;

/// <summary>
/// Submits a server-rendered form the way a browser without scripts does: loads the page, keeps its
/// hidden fields (antiforgery token, Blazor's form handler name) and posts them with the given values.
/// </summary>
public static partial class HtmlForms
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, IReadOnlyDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(url);
        var values = HiddenFields(page);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }

        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    public static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match match in HiddenInput().Matches(html))
        {
            fields[WebUtility.HtmlDecode(match.Groups["name"].Value)] = WebUtility.HtmlDecode(match.Groups["value"].Value);
        }

        return fields;
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)"\s*/?>""")]
    private static partial Regex HiddenInput();
}
