namespace Club.Infrastructure.Labels;

/// <summary>What one printed label shows. <see cref="ScratchCode"/> is the plain secret, grouped.</summary>
public sealed record Label(string Serial, string Url, string ScratchCode, string ProductName, string BatchNumber);
