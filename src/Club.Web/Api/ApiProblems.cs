using System.Globalization;

namespace Club.Web.Api;

/// <summary>
/// Every error of the API as an RFC 9457 problem (application/problem+json) with a stable type
/// "urn:club:problem:&lt;name&gt;": clients branch on the type, never on the English detail. The list is
/// documented in docs/api.md; a name is never reused for another meaning.
/// </summary>
public static class ApiProblems
{
    public const string TypePrefix = "urn:club:problem:";

    /// <summary>Every problem type the API answers with, and its HTTP status: docs/api.md lists the same.</summary>
    public static IReadOnlyDictionary<string, int> All { get; } = new Dictionary<string, int>
    {
        ["unauthorized"] = StatusCodes.Status401Unauthorized,
        ["missing-scope"] = StatusCodes.Status403Forbidden,
        ["rate-limited"] = StatusCodes.Status429TooManyRequests,
        ["not-found"] = StatusCodes.Status404NotFound,
        ["invalid-request"] = StatusCodes.Status400BadRequest,
        ["invalid-paging"] = StatusCodes.Status400BadRequest,
        ["seller-not-found"] = StatusCodes.Status404NotFound,
        ["idempotency-key-reused"] = StatusCodes.Status422UnprocessableEntity,
        ["sale-refused"] = StatusCodes.Status422UnprocessableEntity,
        ["member-not-found"] = StatusCodes.Status404NotFound,
        ["coupon-not-found"] = StatusCodes.Status404NotFound,
        ["coupon-not-redeemable"] = StatusCodes.Status409Conflict,
        ["too-many-coupon-checks"] = StatusCodes.Status429TooManyRequests,
    };

    public static IResult Problem(string name, string detail, IDictionary<string, object?>? extensions = null)
    {
        var status = All[name];
        return TypedResults.Problem(detail, statusCode: status, title: Title(name), type: TypePrefix + name, extensions: extensions);
    }

    /// <summary>Writes a problem outside an endpoint (authentication, rate limits).</summary>
    public static async Task WriteAsync(HttpContext http, string name, string detail)
    {
        await Problem(name, detail).ExecuteAsync(http);
    }

    private static string Title(string name) =>
        CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.Replace('-', ' '));
}
