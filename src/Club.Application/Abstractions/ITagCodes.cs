namespace Club.Application.Abstractions;

public enum SerialCheck
{
    Valid,
    Malformed,
    WrongCheckCharacter,
}

/// <summary>
/// The keyed tag codes (serials and scratch-code hashes). The keys live outside the database, in
/// Infrastructure; handlers only ask questions.
/// </summary>
public interface ITagCodes
{
    SerialCheck TryDecodeSerial(string? serial, out long tagId);

    string SerialOf(long tagId);

    bool ScratchMatches(string canonicalScratchCode, ReadOnlySpan<byte> storedHash);

    /// <summary>
    /// Reads a typed scratch code (any case, spaces, hyphens, I/L for 1, O for 0). WrongCheckCharacter
    /// means a typo caught locally, which must not count as a guess.
    /// </summary>
    SerialCheck TryParseScratch(string? input, out string canonical);
}
