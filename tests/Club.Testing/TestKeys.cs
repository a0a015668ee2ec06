namespace Club.Testing;

/// <summary>Fixed tag keys for tests (a real installation keeps its own outside the database).</summary>
public static class TestKeys
{
    public static readonly string Serial = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string Scratch = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    public static byte[] SerialBytes => Convert.FromBase64String(Serial);
    public static byte[] ScratchBytes => Convert.FromBase64String(Scratch);
}
