namespace Club.Application.Abstractions;

/// <summary>
/// Turns a visitor's address and browser into a short hash that cannot be turned back (the scan log
/// counts distinct visitors without storing who they are).
/// </summary>
public interface IScanVisitorHasher
{
    byte[] Hash(string? address, string? userAgent);
}
