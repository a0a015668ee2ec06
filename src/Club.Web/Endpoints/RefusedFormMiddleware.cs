namespace Club.Web.Endpoints;

/// <summary>
/// A browser form the site refused before any page code ran (its antiforgery token no longer fits: the
/// page was open too long, or the member signed in or out in another tab; the form is no longer on the
/// page, as after a second click on a button that made it go away; or the upload was past the server's
/// request limit and could not be read) ends as an empty 400. Outside development the browser
/// would show a blank page, and the status-code page cannot help, because it re-runs the request as the
/// same POST. Such a post is sent on with 303 See Other to a page that says what happened and leads back.
/// Nothing was done with the refused form.
/// </summary>
internal sealed class RefusedFormMiddleware(RequestDelegate next)
{
    public const string PagePath = "/form-not-sent";

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        if (context.Response is { StatusCode: StatusCodes.Status400BadRequest or StatusCodes.Status413PayloadTooLarge, HasStarted: false }
            && IsFormPost(context.Request))
        {
            var back = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
            // A too large upload is the one refusal the user can fix themselves, so the page names it.
            var reason = context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge ? "&reason=too-large" : "";
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = $"{context.Request.PathBase}{PagePath}?returnUrl={Uri.EscapeDataString(back)}{reason}";
        }
    }

    // By the content type alone: HttpRequest.HasFormContentType would throw here, as the form of a request
    // that failed antiforgery validation must not be touched.
    private static bool IsFormPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.ContentType is { } type
        && (type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase));
}
