using System.Diagnostics;
using System.Net;
using Club.Application.Features.Accounts;
using Club.Infrastructure.Identity;
using Club.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Club.Web.Tests.Account;

/// <summary>The site with a password hasher that counts its calls.</summary>
public sealed class CountingHasherSite : ClubWebFactory
{
    public CountingHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // These tests post sign-ins faster than one address may (that limit has its own tests).
        builder.UseSetting("Club:RateLimits:SignInPerAddressPerMinute", "1000");
        builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<ClubUser>>(Hasher));
    }
}

public sealed class CountingHasher : IPasswordHasher<ClubUser>
{
    private readonly PasswordHasher<ClubUser> inner = new();
    private int verifications;

    public int Verifications => verifications;

    public string HashPassword(ClubUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ClubUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref verifications);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public class SignInThrottleTests(CountingHasherSite site, ITestOutputHelper output) : IClassFixture<CountingHasherSite>
{
    private static readonly int Limit = SignInHandler.WrongPasswords.Limit;

    [Fact]
    public async Task Wrong_passwords_from_strangers_slow_the_email_down_but_never_lock_its_owner_out()
    {
        var (_, email) = await TestTags.CreateBuyerAsync(site.Services);
        var (owner, _) = NewBrowser();
        (await owner.SignInAsync(email, "buyer-pass-1")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the owner's browser becomes a known one");

        var stranger = site.CreateBrowserlessClient();
        for (var i = 0; i < Limit; i++)
        {
            (await (await stranger.SignInAsync(email, $"guess-number-{i}")).Content.ReadAsStringAsync()).Should().Contain("Неверная почта или пароль.");
        }

        var refused = await (await stranger.SignInAsync(email, "buyer-pass-1")).Content.ReadAsStringAsync();
        refused.Should().Contain("Слишком много неверных паролей для этой почты", "past the limit even the right password is not checked");
        var ownerAgain = await owner.SignInAsync(email, "buyer-pass-1");
        ownerAgain.StatusCode.Should().Be(HttpStatusCode.Redirect, "a browser the email signed in on counts apart from strangers");

        await using var scope = site.Services.CreateAsyncScope();
        var user = (await scope.ServiceProvider.GetRequiredService<UserManager<ClubUser>>().FindByEmailAsync(email))!;
        user.LockoutEnd.Should().BeNull("Identity's hard lockout is not used for passwords");
        user.AccessFailedCount.Should().Be(0);
    }

    [Fact]
    public async Task A_missing_account_gets_the_same_answers_and_the_same_limit()
    {
        var stranger = site.CreateBrowserlessClient();
        var answers = new List<string>();
        for (var i = 0; i <= Limit; i++)
        {
            answers.Add(await (await stranger.SignInAsync("nobody-here@example.com", $"guess-number-{i}")).Content.ReadAsStringAsync());
        }

        answers.Take(Limit).Should().OnlyContain(page => page.Contains("Неверная почта или пароль."));
        answers[^1].Should().Contain("Слишком много неверных паролей для этой почты");
    }

    [Fact]
    public async Task The_email_is_matched_whatever_its_case()
    {
        var (_, email) = await TestTags.CreateBuyerAsync(site.Services);

        var response = await site.CreateBrowserlessClient().SignInAsync(email.ToUpperInvariant(), "buyer-pass-1");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_missing_account_runs_the_password_hasher_like_an_existing_one_and_takes_about_as_long()
    {
        // Three accounts, so twenty wrong passwords stay under each email's limit.
        var emails = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            emails.Add((await TestTags.CreateBuyerAsync(site.Services)).Email);
        }

        var existing = new List<double>();
        var missing = new List<double>();
        var hashesForExisting = 0;
        var hashesForMissing = 0;
        // Alternating, each from a fresh browser: both series see the same load on the machine.
        for (var i = 0; i < 20; i++)
        {
            hashesForExisting += await TimedAsync(emails[i % emails.Count], existing);
            hashesForMissing += await TimedAsync($"missing-{i}@example.com", missing);
        }

        hashesForExisting.Should().Be(20);
        hashesForMissing.Should().Be(20, "a missing account is checked against a dummy hash");
        var ratio = Median(missing) / Median(existing);
        output.WriteLine($"median wrong password: existing {Median(existing):F0} ms, missing {Median(missing):F0} ms, ratio {ratio:F2}");
        ratio.Should().BeInRange(0.5, 2.0);
    }

    private async Task<int> TimedAsync(string email, List<double> times)
    {
        var client = site.CreateBrowserlessClient();
        var form = await client.GetStringAsync("/account/sign-in");
        var fields = HtmlForms.HiddenFields(form);
        fields["Input.Email"] = email;
        fields["Input.Password"] = "not-the-password-1";
        var before = site.Hasher.Verifications;
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(fields));
        times.Add(watch.Elapsed.TotalMilliseconds);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return site.Hasher.Verifications - before;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private (HttpClient Client, CookieContainer Cookies) NewBrowser()
    {
        var cookies = new CookieContainer();
        return (site.CreateDefaultClient(new CookieContainerHandler(cookies)), cookies);
    }
}
