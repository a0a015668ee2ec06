namespace Club.Infrastructure.Persistence;

/// <summary>
/// The next free tag id. A batch takes its whole range with one UPDATE ... RETURNING inside its own
/// transaction: the row lock makes concurrent batches take turns, and a rolled-back batch gives its
/// range back, so ranges never overlap and never leave holes.
/// </summary>
internal sealed class TagIdAllocator
{
    public int Id { get; set; } = 1;
    public long NextId { get; set; } = 1;
}
