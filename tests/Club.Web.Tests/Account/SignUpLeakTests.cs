using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Club.Web.Tests.Account;

/// <summary>The site hashing passwords at full cost: the time test compares paths that each run the hasher once.</summary>
public sealed class FullCostHashingSite : ClubWebFactory
{
    protected override bool CheapPasswordHashing => false;
}

/// <summary>Sign-up must not tell a stranger who is a member: not by status, by page, or by time.</summary>
[LongRunning]
public partial class SignUpLeakTests(FullCostHashingSite site, ITestOutputHelper output) : IClassFixture<FullCostHashingSite>
{
    private const int Rounds = 8;

    [Fact]
    public async Task A_taken_email_or_phone_gets_the_same_status_page_and_time_as_a_free_one()
    {
        var members = await Task.WhenAll(Enumerable.Range(0, 2 * Rounds).Select(_ => TestTags.CreateBuyerAsync(site.Services)));
        var phones = await PhonesAsync(members.Skip(Rounds).Select(m => m.Id));
        var client = site.CreateBrowserlessClient();
        var form = HtmlForms.HiddenFields(await client.GetStringAsync("/account/sign-up"));
        await PostAsync(client, form, FreeEmail(), FreePhone());

        var free = new List<Answer>();
        var takenEmail = new List<Answer>();
        var takenPhone = new List<Answer>();
        for (var i = 0; i < Rounds; i++)
        {
            free.Add(await PostAsync(client, form, FreeEmail(), FreePhone()));
            takenEmail.Add(await PostAsync(client, form, members[i].Email, FreePhone()));
            takenPhone.Add(await PostAsync(client, form, FreeEmail(), phones[i]));
        }

        var all = free.Concat(takenEmail).Concat(takenPhone).ToList();
        all.Should().OnlyContain(a => a.Status == HttpStatusCode.OK);
        all.Select(a => a.Page).Distinct().Should().ContainSingle("the page differs only by the email it repeats");
        all.Select(a => a.HeaderNames).Distinct().Should().ContainSingle();
        all[0].Page.Should().Contain("Проверьте почту, чтобы закончить вступление.");
        output.WriteLine($"medians: free {Median(free):F0} ms, taken email {Median(takenEmail):F0} ms, taken phone {Median(takenPhone):F0} ms ({Rounds} each)");
        foreach (var taken in new[] { takenEmail, takenPhone })
        {
            // Both run the password hasher once and hand their mail to the background; the medians stay close.
            var ratio = Median(taken) / Median(free);
            ratio.Should().BeInRange(0.5, 2.0, $"free {Median(free):F0} ms, taken {Median(taken):F0} ms");
        }
    }

    private sealed record Answer(HttpStatusCode Status, string Page, string HeaderNames, double Milliseconds);

    private static async Task<Answer> PostAsync(HttpClient client, Dictionary<string, string> form, string email, string phone)
    {
        var fields = new Dictionary<string, string>(form)
        {
            ["Input.FullName"] = "Проверка Утечки",
            ["Input.Email"] = email,
            ["Input.Phone"] = phone,
            ["Input.Password"] = "lilac-garden-26",
            ["Input.Consent"] = "true",
        };
        var watch = Stopwatch.StartNew();
        var response = await client.PostAsync("/account/sign-up", new FormUrlEncodedContent(fields));
        var page = await response.Content.ReadAsStringAsync();
        watch.Stop();
        var names = string.Join(",", response.Headers.Concat(response.Content.Headers).Select(h => h.Key).Order());
        return new Answer(response.StatusCode, Token().Replace(page.Replace(email, "EMAIL", StringComparison.Ordinal), "TOKEN"), names, watch.Elapsed.TotalMilliseconds);
    }

    private static double Median(List<Answer> answers)
    {
        var sorted = answers.Select(a => a.Milliseconds).Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }

    private static string FreeEmail() => $"free-{Guid.NewGuid():N}@example.com";

    private static string FreePhone() => $"+7 925 {Random.Shared.Next(1_000_000, 9_999_999)}";

    private async Task<List<string>> PhonesAsync(IEnumerable<Guid> ids)
    {
        var wanted = ids.ToList();
        await using var scope = site.Services.CreateAsyncScope();
        var users = await scope.ServiceProvider.GetRequiredService<ClubDbContext>().Users
            .Where(u => wanted.Contains(u.Id)).Select(u => new { u.Id, u.PhoneNumber }).ToListAsync();
        return wanted.Select(id => users.Single(u => u.Id == id).PhoneNumber!).ToList();
    }

    // Antiforgery tokens change per response.
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"[^\"]*\"")]
    private static partial Regex Token();
}
