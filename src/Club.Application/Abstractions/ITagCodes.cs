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
}
