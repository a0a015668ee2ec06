namespace Club.Web.Security;

/// <summary>
/// The one request body limit of the site: the largest upload any form takes (10 MB: a photo, a logo, a
/// lesson PDF, a catalogue file) plus room for the form's other fields. A body announced larger is
/// refused with 413 before a byte of it is read (RefusedFormMiddleware then shows the "form was not sent"
/// page, saying the file was too large); Kestrel and the form reader stop one sent without a length.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next)
{
    public const long MaxBytes = 10 * 1024 * 1024 + 256 * 1024;

    public Task InvokeAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }

        return next(http);
    }
}
