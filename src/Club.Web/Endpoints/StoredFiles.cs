using Microsoft.Net.Http.Headers;

namespace Club.Web.Endpoints;

/// <summary>
/// Files people upload (gift photos, lesson pictures and PDFs): reading the upload and serving the
/// stored bytes back, in one place so every such response carries the same protective headers.
/// </summary>
internal static class StoredFiles
{
    /// <summary>
    /// The uploaded file's bytes; empty when no file was chosen, null when it is larger than
    /// <paramref name="limit"/> (then it is not read into memory at all).
    /// </summary>
    public static async Task<byte[]?> ReadUploadAsync(IFormFile? file, long limit, CancellationToken cancellationToken = default)
    {
        if (file is null || file.Length == 0)
        {
            return [];
        }

        if (file.Length > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>
    /// Bytes whose type was read from their own signature when they were stored. nosniff makes the
    /// browser take that type; the sandbox policy keeps a file opened on its own from running anything
    /// with the site's cookies. The URL changes when the content does (a version, or a new id), so the
    /// file may be cached for long; "private", because it is not for every proxy on the way.
    /// </summary>
    public static IResult Serve(HttpContext http, byte[] content, string contentType, DateTimeOffset lastModified, string? fileName = null, bool download = false)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "private, max-age=31536000, immutable";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox; frame-ancestors 'none'";
        if (fileName is not null)
        {
            // Quoted ASCII name plus an RFC 5987 UTF-8 one: Cyrillic names survive, quotes and line breaks cannot.
            var disposition = new ContentDispositionHeaderValue(download ? "attachment" : "inline");
            disposition.SetHttpFileName(fileName);
            headers.ContentDisposition = disposition.ToString();
        }

        return Results.Bytes(content, contentType, lastModified: lastModified);
    }
}
