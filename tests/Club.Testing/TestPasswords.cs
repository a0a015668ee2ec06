using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Testing;

/// <summary>
/// Password hashing at a test cost. Identity's default (100,000 PBKDF2 rounds, about 40 ms of CPU a hash)
/// is there against guessing; the tests create and sign in hundreds of accounts, which cost the fast tier
/// tens of seconds of CPU on two cores. The template's demo accounts are hashed at this cost too, so the
/// test sites check them without rehashing on sign-in. Tests that time a hashed path against another keep
/// the real cost (a <see cref="ClubWebFactory"/> with CheapPasswordHashing false).
/// </summary>
public static class TestPasswords
{
    public const int HashIterations = 1_000;

    public static IServiceCollection UseTestPasswordHashing(this IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = HashIterations);
}
