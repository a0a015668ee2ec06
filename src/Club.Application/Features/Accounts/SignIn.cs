using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Accounts;

public sealed record SignInCommand(string Email, string Password, bool RememberMe) : ICommand<SignInResult>;

/// <summary>The outcome; <see cref="RetryAfter"/> is set with <see cref="SignInOutcome.TooManyAttempts"/>.</summary>
public sealed record SignInResult(SignInOutcome Outcome, TimeSpan RetryAfter = default);

/// <summary>
/// Password sign-in. Wrong passwords are limited per typed email (existing or not, so the limit tells
/// nothing about who is a member), counted in the shared limiter so every node sees them. Past the limit
/// the password is not even checked, and the account is never locked: its owner signs in from a browser
/// they used before, or resets the password. docs/security.md, "Sign-in".
/// </summary>
public sealed class SignInHandler(IAccounts accounts, IRateLimiter limiter) : ICommandHandler<SignInCommand, SignInResult>
{
    /// <summary>Ten wrong passwords per email (or known browser and email) per quarter of an hour.</summary>
    public static readonly RateLimitRule WrongPasswords = new("sign-in-wrong-password", 10, TimeSpan.FromMinutes(15));

    public async ValueTask<SignInResult> Handle(SignInCommand command, CancellationToken cancellationToken)
    {
        var email = command.Email.Trim();
        RateLimitHit[] failure = [new(WrongPasswords, accounts.SignInFailurePartition(email))];
        var state = await limiter.PeekAsync(failure, cancellationToken);
        if (!state.Allowed)
        {
            return new SignInResult(SignInOutcome.TooManyAttempts, state.RetryAfter);
        }

        // A burst of sign-ins queues for the password hash only (PasswordCheckGate, inside the accounts);
        // Busy means the hash was not checked, so nothing is counted.
        var outcome = await accounts.SignInWithPasswordAsync(email, command.Password, command.RememberMe, cancellationToken);
        if (outcome == SignInOutcome.Failed)
        {
            await limiter.HitAsync(failure, cancellationToken);
        }

        return new SignInResult(outcome);
    }
}
