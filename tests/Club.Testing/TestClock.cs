namespace Club.Testing;

/// <summary>A clock a test sets: jobs that work on "today" run on the day the test needs.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
