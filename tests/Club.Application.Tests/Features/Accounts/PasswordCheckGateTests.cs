using Club.Application.Features.Accounts;

namespace Club.Application.Tests.Features.Accounts;

public class PasswordCheckGateTests
{
    [Fact]
    public async Task Checks_beyond_the_bound_wait_their_turn_and_never_run_more_at_once()
    {
        var gate = new PasswordCheckGate(2, TimeSpan.FromSeconds(30));
        var running = 0;
        var most = 0;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => gate.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(5);
            Interlocked.Decrement(ref running);
            return 1;
        }, CancellationToken.None)));

        outcomes.Should().OnlyContain(o => o == 1, "every check ran");
        most.Should().Be(2);
    }

    [Fact]
    public async Task A_check_that_cannot_start_in_time_is_answered_at_once_instead_of_hanging()
    {
        var gate = new PasswordCheckGate(1, TimeSpan.FromMilliseconds(100));
        var release = new TaskCompletionSource();
        var holding = gate.RunAsync(async () =>
        {
            await release.Task;
            return 1;
        }, CancellationToken.None);

        var refused = await gate.RunAsync(() => Task.FromResult(2), CancellationToken.None);
        release.SetResult();

        refused.Should().BeNull();
        (await holding).Should().Be(1);
        (await gate.RunAsync(() => Task.FromResult(3), CancellationToken.None)).Should().Be(3, "the slot is free again");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
