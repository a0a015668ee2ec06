namespace Club.Application.Abstractions;

/// <summary>
/// The site's public address (Club:PublicBaseUrl): the only source of absolute links in mails and QR
/// codes. Never the request's Host header, which a stranger chooses.
/// </summary>
public interface IPublicAddress
{
    /// <summary>Scheme, host and any path prefix, without a trailing slash, e.g. https://club.example.</summary>
    string BaseUrl { get; }

    /// <summary>The absolute link to a site path ("/account/reset-password?code=...").</summary>
    string Link(string pathAndQuery) => BaseUrl + "/" + pathAndQuery.TrimStart('/');
}
