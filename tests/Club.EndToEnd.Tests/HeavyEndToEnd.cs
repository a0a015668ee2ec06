namespace Club.EndToEnd.Tests;

/// <summary>
/// The two heaviest classes, the phone walk (about 140 pages in a browser) and the nginx scale-out
/// (three site processes behind nginx), never run at the same time: side by side on two cores they made
/// each other time out. Every other class still runs beside either of them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HeavyEndToEnd
{
    public const string Name = "Heavy end-to-end";
}
