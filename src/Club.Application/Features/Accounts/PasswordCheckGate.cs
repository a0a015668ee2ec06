namespace Club.Application.Features.Accounts;

/// <summary>
/// Bounds how many password checks run at once. A check costs tens of milliseconds of CPU on purpose
/// (the hash is slow against guessing), so a burst of sign-ins after a shop event would otherwise take
/// every core and starve the scan page. Checks beyond the bound wait without holding a thread; one that
/// waits longer than <see cref="MaxWait"/> is answered "try again in a moment" instead of hanging.
/// </summary>
public sealed class PasswordCheckGate(int slots, TimeSpan maxWait)
{
    /// <summary>One core left free for everything else (at least one check at a time), and 20 seconds of queue.</summary>
    public PasswordCheckGate()
        : this(Math.Max(1, Environment.ProcessorCount - 1), TimeSpan.FromSeconds(20))
    {
    }

    private readonly SemaphoreSlim free = new(slots, slots);

    public TimeSpan MaxWait { get; } = maxWait;

    /// <summary>Runs <paramref name="check"/> when a slot is free; null when none came free within <see cref="MaxWait"/>.</summary>
    public async Task<T?> RunAsync<T>(Func<Task<T>> check, CancellationToken cancellationToken)
        where T : struct
    {
        if (!await free.WaitAsync(MaxWait, cancellationToken))
        {
            return null;
        }

        try
        {
            return await check();
        }
        finally
        {
            free.Release();
        }
    }
}
