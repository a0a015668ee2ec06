namespace Club.Web.Security;

/// <summary>
/// Headers on every response (pages, files, errors, 429s): scripts and styles only from this site's own
/// files (no inline script or handler anywhere: buttons carry data-* attributes read by files in
/// wwwroot/js), no framing, no type sniffing, no address leaking to other sites, and the camera only on
/// the seller's scanning page. Set when the response starts, so error pages that clear headers get them too.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>The seller scans a tag's QR code with the phone camera here; no other page may use it.</summary>
    public const string CameraPage = "/seller/sales";

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
        "media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string NoDevices = "accelerometer=(), geolocation=(), gyroscope=(), magnetometer=(), " +
        "microphone=(), payment=(), usb=()";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            // A response that set a stricter policy of its own (stored files: sandboxed) keeps it.
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            headers.XContentTypeOptions = "nosniff";
            // For browsers without frame-ancestors.
            headers.XFrameOptions = "DENY";
            // The full address (a reset code, a tag serial) stays on this site; other sites learn nothing.
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = (http.Request.Path.Equals(CameraPage, StringComparison.OrdinalIgnoreCase) ? "camera=(self), " : "camera=(), ") + NoDevices;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(http);
    }
}
