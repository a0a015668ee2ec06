using System.Net;
using System.Security.Claims;
using Club.Application.Features.Accounts;
using Club.Infrastructure.Identity;
using Club.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Club.Web.Tests.Account;

/// <summary>
/// The site with one password check at a time, a hasher that tells when it checks the second buyer's
/// password, and a claims step that holds the first buyer's sign-in (after her password was checked)
/// until then.
/// </summary>
public sealed class OneCheckAtATimeSite : ClubWebFactory
{
    public SignInProbe Probe { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new PasswordCheckGate(1, TimeSpan.FromSeconds(30)));
            services.AddSingleton(Probe);
            services.AddSingleton<IPasswordHasher<ClubUser>, ProbingHasher>();
            services.AddScoped<IUserClaimsPrincipalFactory<ClubUser>, HoldingClaimsFactory>();
        });
    }
}

public sealed class SignInProbe
{
    public string? FirstEmail { get; set; }

    public string? SecondEmail { get; set; }

    public TaskCompletionSource FirstPastItsPassword { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource SecondPasswordChecked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

public sealed class ProbingHasher(SignInProbe probe) : IPasswordHasher<ClubUser>
{
    private readonly PasswordHasher<ClubUser> inner = new();

    public string HashPassword(ClubUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ClubUser user, string hashedPassword, string providedPassword)
    {
        var result = inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        if (user.Email is { } email && email == probe.SecondEmail)
        {
            probe.SecondPasswordChecked.TrySetResult();
        }

        return result;
    }
}

public sealed class HoldingClaimsFactory(UserManager<ClubUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options, SignInProbe probe)
    : UserClaimsPrincipalFactory<ClubUser, IdentityRole<Guid>>(users, roles, options)
{
    public override async Task<ClaimsPrincipal> CreateAsync(ClubUser user)
    {
        if (user.Email is { } email && email == probe.FirstEmail)
        {
            probe.FirstPastItsPassword.TrySetResult();
            // Were the whole sign-in inside the gate, the second password could not be checked now: this times out.
            await probe.SecondPasswordChecked.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }

        return await base.CreateAsync(user);
    }
}

public class SignInBurstTests(OneCheckAtATimeSite site) : IClassFixture<OneCheckAtATimeSite>
{
    [Fact]
    public async Task A_sign_in_does_its_database_work_while_another_password_is_checked_in_the_only_slot()
    {
        var first = await TestTags.CreateBuyerAsync(site.Services);
        var second = await TestTags.CreateBuyerAsync(site.Services);
        site.Probe.FirstEmail = first.Email;
        site.Probe.SecondEmail = second.Email;

        var firstSignIn = site.CreateBrowserlessClient().SignInAsync(first.Email, "buyer-pass-1");
        await site.Probe.FirstPastItsPassword.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var secondSignIn = await site.CreateBrowserlessClient().SignInAsync(second.Email, "buyer-pass-1");

        secondSignIn.StatusCode.Should().Be(HttpStatusCode.Redirect, "the slot is free once the first password was checked");
        (await firstSignIn).StatusCode.Should().Be(HttpStatusCode.Redirect, "the first sign-in went on while the second password was checked");
    }
}
