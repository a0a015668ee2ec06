using Club.Application.Abstractions;
using Club.Infrastructure.Security;

namespace Club.Infrastructure.Tags;

/// <summary>The serial codec and scratch hasher under this installation's keys.</summary>
public sealed class TagCodes(ClubKeys keys) : ITagCodes
{
    public SerialCodec Serials { get; } = new(keys.Serial);
    public ScratchHasher Scratch { get; } = new(keys.Scratch);

    public SerialCheck TryDecodeSerial(string? serial, out long tagId) =>
        Serials.TryDecode(serial, out tagId) switch
        {
            SerialParse.Valid => SerialCheck.Valid,
            SerialParse.WrongCheckCharacter => SerialCheck.WrongCheckCharacter,
            _ => SerialCheck.Malformed,
        };

    public string SerialOf(long tagId) => Serials.Encode(tagId);

    public bool ScratchMatches(string canonicalScratchCode, ReadOnlySpan<byte> storedHash) =>
        Scratch.Matches(canonicalScratchCode, storedHash);

    public SerialCheck TryParseScratch(string? input, out string canonical) =>
        ScratchCode.TryParse(input, out canonical) switch
        {
            ScratchParse.Valid => SerialCheck.Valid,
            ScratchParse.WrongCheckCharacter => SerialCheck.WrongCheckCharacter,
            _ => SerialCheck.Malformed,
        };

    /// <summary>The printed URL: upper case, so the QR code uses the compact alphanumeric mode.</summary>
    public static string ScanUrl(string publicBaseUrl, string serial) => ScanUrlPrefix(publicBaseUrl) + serial;

    /// <summary>Everything before the serial, e.g. HTTPS://CLUB.EXAMPLE/T/ (serials are upper case already).</summary>
    public static string ScanUrlPrefix(string publicBaseUrl) => $"{publicBaseUrl.TrimEnd('/')}/T/".ToUpperInvariant();
}
