using System.Net;
using System.Text.RegularExpressions;

namespace Club.Testing;

/// <summary>
/// Visits pages with one client (anonymous or signed in) and notes every answer of 500 or more:
/// GETs with hostile query values and hostile route values, and each form of a page posted with its
/// hidden fields (antiforgery token, handler name) and hostile values in every other field.
/// Reused by any test that must visit every page of every role.
/// </summary>
public sealed partial class PageWalker(HttpClient client)
{
    /// <summary>Query and route values as they appear in a raw URL: NUL, broken escapes, CR LF, non-ASCII, traversal, 10 kB.</summary>
    public static IReadOnlyList<string> HostileUrlValues { get; } =
    [
        "a%00b",
        "%zz%E0%A4%",
        "%0D%0ASet-Cookie:%20x=1",
        "%D0%AF%F0%9F%92%8E%E2%80%AE",
        "..%2F..%2F..%2Fetc%2Fpasswd",
        "../../appsettings.json",
        "-1",
        "99999999999999999999",
        new string('x', 10_000),
    ];

    /// <summary>Form values (encoded by the client): NUL, control characters, markup, non-ASCII, traversal, 10 kB.</summary>
    public static IReadOnlyList<string> HostileFormValues { get; } =
    [
        "a\0b",
        "\r\n\u0001\u001b[31m<script>alert(1)</script>",
        "Я💎\u202e",
        "../../../etc/passwd",
        "-99999999999999999999",
        new string('Я', 10_000),
    ];

    public List<string> ServerErrors { get; } = [];

    public int Requests { get; private set; }

    /// <summary>Time spent waiting for answers, all requests together.</summary>
    public TimeSpan Elapsed { get; private set; }

    // Time per method and path (query left out), to name the pages that make a walk long.
    private readonly Dictionary<string, (int Count, TimeSpan Took)> timings = [];

    /// <summary>The <paramref name="count"/> paths that took longest in all, "12.3 s in 40 requests: POST /manage/jobs".</summary>
    public IEnumerable<string> SlowestPaths(int count) =>
        timings.OrderByDescending(t => t.Value.Took).Take(count)
            .Select(t => $"{t.Value.Took.TotalSeconds:F1} s in {t.Value.Count} requests: {t.Key}");

    /// <summary>GETs the path with each hostile value in every query name it reads (and a few common ones).</summary>
    public async Task GetWithHostileQueriesAsync(string path, IEnumerable<string> queryNames)
    {
        var names = queryNames.Concat(["returnUrl", "culture", "search", "page"]).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var value in HostileUrlValues)
        {
            await GetAsync(path + "?" + string.Join("&", names.Select(name => $"{name}={value}")));
        }
    }

    /// <summary>GETs the route with each hostile value in each of its string parameters.</summary>
    public async Task GetWithHostileRouteValuesAsync(SiteRoute route, IReadOnlyDictionary<string, string>? values = null)
    {
        foreach (var parameter in route.Parameters)
        {
            // Not a NUL in the path: Kestrel itself refuses such a request line with 400, and the test server throws.
            foreach (var value in HostileUrlValues.Where(v => v.Length < 2000 && !v.Contains("%00", StringComparison.Ordinal)))
            {
                var hostile = new Dictionary<string, string>(values ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase) { [parameter] = value };
                await GetAsync(SiteRoutes.Fill(route, hostile));
            }
        }
    }

    /// <summary>
    /// Loads the page and posts each of its forms once per hostile value (twice when it has no field to fill);
    /// forms posting to <paramref name="skipActions"/> are left alone.
    /// </summary>
    public async Task PostFormsWithHostileValuesAsync(string path, params string[] skipActions)
    {
        var page = await GetAsync(path);
        if (page is null)
        {
            return;
        }

        foreach (Match form in Form().Matches(page))
        {
            var action = WebUtility.HtmlDecode(Action().Match(form.Groups["attributes"].Value).Groups["action"].Value);
            if (skipActions.Any(skip => action.StartsWith(skip, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var target = string.IsNullOrEmpty(action) ? path : action;
            var hidden = HtmlForms.HiddenFields(form.Value);
            var fields = FieldName().Matches(form.Value).Select(m => WebUtility.HtmlDecode(m.Groups["name"].Value))
                .Where(name => !hidden.ContainsKey(name)).Distinct().ToList();
            // A form with nothing to fill (a "run now" or "delete" button) sends the same request whatever the
            // value: the first post and one replay (a double click) are all the hostile values could add.
            foreach (var value in fields.Count == 0 ? HostileFormValues.Take(2) : HostileFormValues)
            {
                var values = new List<KeyValuePair<string, string>>(hidden);
                values.AddRange(fields.Select(name => KeyValuePair.Create(name, value)));
                await SendAsync(new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(values) });
            }
        }
    }

    /// <summary>The page's HTML when it answered 200, else null; a 5xx is noted.</summary>
    public async Task<string?> GetAsync(string url)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url));
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : null;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        Requests++;
        var shown = request.RequestUri!.OriginalString;
        shown = shown.Length > 120 ? shown[..120] + "..." : shown;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var response = await client.SendAsync(request);
            Timed(clock, request);
            if ((int)response.StatusCode >= 500)
            {
                ServerErrors.Add($"{request.Method} {shown} -> {(int)response.StatusCode}");
            }

            return response;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The test server rethrows what the app did not handle: that is a 500 for a visitor.
            Timed(clock, request);
            ServerErrors.Add($"{request.Method} {shown} -> {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
            return new HttpResponseMessage(HttpStatusCode.InternalServerError);
        }
    }

    private void Timed(System.Diagnostics.Stopwatch clock, HttpRequestMessage request)
    {
        var took = clock.Elapsed;
        Elapsed += took;
        var key = $"{request.Method} {request.RequestUri!.OriginalString.Split('?')[0]}";
        var (count, total) = timings.GetValueOrDefault(key);
        timings[key] = (count + 1, total + took);
    }

    [GeneratedRegex("""<form(?<attributes>[^>]*method="post"[^>]*)>.*?</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Form();

    [GeneratedRegex("action=\"(?<action>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Action();

    [GeneratedRegex("""<(?:input|textarea|select)\b[^>]*\bname="(?<name>[^"]+)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex FieldName();
}
