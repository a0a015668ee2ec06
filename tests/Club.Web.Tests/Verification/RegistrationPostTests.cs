using System.Net;
using System.Text.RegularExpressions;
using Club.Application.Abstractions;
using Club.Application.Features.Registration;
using Club.Domain.Tags;
using Club.Testing;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Club.Web.Tests.Verification;

/// <summary>
/// A buyer's registration post renders the page from the registration's answer (issue 25): no read of the
/// tag after it, yet the page shows what a fresh view of the tag shows. The database commands of one post
/// are counted from EF's log, as <c>RegistrationRoundTripTests</c> counts the use case's.
/// </summary>
public partial class RegistrationPostTests(RegistrationPostTests.CountingSite site) : IClassFixture<RegistrationPostTests.CountingSite>
{
    [Fact]
    public async Task A_registration_post_reads_the_tag_only_in_the_registration_and_shows_what_a_fresh_view_shows()
    {
        var tags = (await TestTags.CreateBatchAsync(site.Services, 2)).Tags;
        var client = await SignedInBuyerAsync();
        (await PostCodeAsync(client, tags[0].Serial, tags[0].ScratchCode)).Should().Contain("Изделие зарегистрировано на вас.");
        var fields = await FormAsync(client, tags[1].Serial, tags[1].ScratchCode);

        var (page, commands, reads) = await CountedPostAsync(client, tags[1].Serial, fields);
        var view = await client.GetStringAsync($"/T/{tags[1].Serial}");

        reads.Should().Be(0, "the registration's answer tells the page the tag's state");
        page.Should().Contain("Изделие зарегистрировано на вас.").And.Contain("Вам начислено 150 баллов.")
            .And.Contain($"/cabinet/items/{tags[1].Serial}").And.Contain("Подлинное, зарегистрировано на вас");
        Shown(page).Should().Be(Shown(view));
        ScansOf(view).Should().Be(ScansOf(page) + 1, "the view is counted, the post is not");
        // The registration's two (the facts read, the ledger's statement; its commit is no command), then the
        // seller card's five (ItemSeller: the item, the sales policy, its sale, the claim cycle, the shops' sellers).
        commands.Should().HaveCount(7, "each command is listed:\n" + string.Join("\n", commands));
    }

    [Fact]
    public async Task A_post_refused_because_someone_else_registered_first_shows_their_registration_without_reading_again()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var client = await SignedInBuyerAsync();
        var fields = await FormAsync(client, tag.Serial, tag.ScratchCode);
        var first = await TestTags.CreateBuyerAsync(site.Services);
        (await SendAsync(new RegisterItemCommand(first.Id, tag.Serial, tag.ScratchCode))).Outcome.Should().Be(RegistrationOutcome.Registered);

        var (page, commands, reads) = await CountedPostAsync(client, tag.Serial, fields);
        var view = await client.GetStringAsync($"/T/{tag.Serial}");

        reads.Should().Be(0);
        page.Should().Contain("Это изделие уже зарегистрировано другим участником.").And.Contain("Подлинное, но уже зарегистрировано")
            .And.Contain("mailto:");
        Shown(page).Should().Be(Shown(view));
        // The facts read; nothing to write (the transaction ends when its context is disposed).
        commands.Should().HaveCount(1, "each command is listed:\n" + string.Join("\n", commands));
    }

    [Fact]
    public async Task A_wrong_code_that_pauses_the_tag_shows_the_pause_a_fresh_view_shows()
    {
        var tags = (await TestTags.CreateBatchAsync(site.Services, 2)).Tags;
        var attacker = await TestTags.CreateBuyerAsync(site.Services);
        for (var i = 0; i < ScratchGuessLimits.FreeWrongCodesPerTag - 1; i++)
        {
            await SendAsync(new RegisterItemCommand(attacker.Id, tags[0].Serial, tags[1].ScratchCode));
        }

        var client = await SignedInBuyerAsync();
        var fields = await FormAsync(client, tags[0].Serial, tags[1].ScratchCode);
        var before = Shown(await client.GetStringAsync($"/T/{tags[0].Serial}"));

        var (page, _, reads) = await CountedPostAsync(client, tags[0].Serial, fields);
        var view = await client.GetStringAsync($"/T/{tags[0].Serial}");

        reads.Should().Be(0);
        before.Should().NotContain("Кто-то ввёл для этой бирки много неверных кодов");
        page.Should().Contain("Код не подходит к этой бирке.").And.Contain("Кто-то ввёл для этой бирки много неверных кодов");
        Shown(page).Should().Be(Shown(view), "the pause this wrong code started is shown at once");
    }

    private async Task<HttpClient> SignedInBuyerAsync()
    {
        var buyer = await TestTags.CreateBuyerAsync(site.Services);
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(buyer.Email, "buyer-pass-1");
        return client;
    }

    private static async Task<Dictionary<string, string>> FormAsync(HttpClient client, string serial, string code)
    {
        var fields = HtmlForms.HiddenFields(await client.GetStringAsync($"/T/{serial}"));
        fields["code"] = code;
        return fields;
    }

    private static async Task<string> PostCodeAsync(HttpClient client, string serial, string code)
    {
        var response = await client.PostAsync($"/T/{serial}", new FormUrlEncodedContent(await FormAsync(client, serial, code)));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The post's page, the database commands run while it was handled, and the scan reader's reads.</summary>
    private async Task<(string Page, List<string> Commands, int Reads)> CountedPostAsync(HttpClient client, string serial, Dictionary<string, string> fields)
    {
        // The views before it are written first, so the scan log's batch is not counted with the post.
        await site.Services.GetRequiredService<IScanLog>().FlushAsync();
        var lines = site.Logs.Lines.Count;
        var reads = site.Reads;
        var response = await client.PostAsync($"/T/{serial}", new FormUrlEncodedContent(fields));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        var commands = site.Logs.Lines.Skip(lines)
            .Where(line => line.StartsWith("Microsoft.EntityFrameworkCore.Database.Command:", StringComparison.Ordinal)
                           && line.Contains("Executed DbCommand", StringComparison.Ordinal))
            .Select(line => line.Length > 300 ? line[..300] : line)
            .ToList();
        return (page, commands, site.Reads - reads);
    }

    private async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    /// <summary>What the page says about the tag: the verdict, the product and the brand's contact.</summary>
    private static string Shown(string page) =>
        string.Join("\n", ShownParts().Matches(page).Select(m => m.Value));

    private static int ScansOf(string page) => int.Parse(Scans().Match(page).Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("""<section class="verdict[\s\S]*?</section>|<section class="card product">[\s\S]*?</section>|<p class="muted">[^<]*<a href="mailto:[\s\S]*?</p>""")]
    private static partial Regex ShownParts();

    [GeneratedRegex("""Эту бирку проверяли (?<n>\d+)""")]
    private static partial Regex Scans();

    /// <summary>The site with EF's command log captured and the scan page's reader counted.</summary>
    public sealed class CountingSite : ClubWebFactory
    {
        private int reads;

        public LogCapture Logs { get; } = new();

        public int Reads => Volatile.Read(ref reads);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogCapture>("Microsoft.EntityFrameworkCore.Database", LogLevel.Trace));
            builder.ConfigureServices(services =>
            {
                var reader = services.Single(d => d.ServiceType == typeof(ITagScanReader));
                services.Remove(reader);
                services.AddSingleton(reader.ImplementationType!);
                services.AddSingleton<ITagScanReader>(provider => new CountingReader((ITagScanReader)provider.GetRequiredService(reader.ImplementationType!), this));
            });
        }

        private sealed class CountingReader(ITagScanReader inner, CountingSite site) : ITagScanReader
        {
            public Task<TagScanFacts> ReadAsync(long? tagId, Guid? memberId, DateTimeOffset now, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref site.reads);
                return inner.ReadAsync(tagId, memberId, now, cancellationToken);
            }
        }
    }
}
