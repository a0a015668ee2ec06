using System.Net;
using System.Text.RegularExpressions;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Web.Tests.Tags;

public partial class FactoryPagesTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Theory]
    [InlineData("buyer@club.demo")]
    [InlineData("seller@club.demo")]
    [InlineData("partner@club.demo")]
    [InlineData("manager@club.demo")]
    public async Task Other_roles_cannot_reach_the_factory_pages_or_print_files(string email)
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync(email);

        foreach (var path in new[] { "/factory", "/factory/batches/1", "/factory/batches/1/files/B000001.csv", $"/factory/jobs/{Guid.NewGuid()}" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.Should().BeOneOf([HttpStatusCode.Redirect, HttpStatusCode.Forbidden], path);
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                response.Headers.Location!.ToString().Should().Contain("/account/access-denied", path);
            }
        }
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await site.CreateBrowserlessClient().GetAsync("/factory");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/sign-in");
    }

    [Fact]
    public async Task Factory_staff_generate_a_batch_watch_it_download_its_secret_files_and_mark_it_printed()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("factory@club.demo");

        var created = await HtmlForms.SubmitAsync(client, "/factory", new Dictionary<string, string>
        {
            ["_handler"] = "new-batch",
            ["Input.Sku"] = "AQ-SEA-R01",
            ["Input.Quantity"] = "30",
            ["Input.Partner"] = "",
            ["Input.Template"] = "a4-sheet-3x8.json",
        });
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var jobPage = created.Headers.Location!.ToString();
        jobPage.Should().Contain("/factory/jobs/");

        var batchLink = await WaitForBatchLinkAsync(client, jobPage);
        var batchPage = await client.GetStringAsync(batchLink);
        var files = FileLink().Matches(batchPage).Select(m => WebUtility.HtmlDecode(m.Groups["href"].Value)).ToList();
        files.Should().HaveCount(2, "a CSV for the print house and a PDF of the labels");

        foreach (var file in files)
        {
            var download = await client.GetAsync(file);
            download.StatusCode.Should().Be(HttpStatusCode.OK);
            download.Headers.CacheControl!.NoStore.Should().BeTrue("secret files must not stay in caches");
            var bytes = await download.Content.ReadAsByteArrayAsync();
            if (file.EndsWith(".pdf", StringComparison.Ordinal))
            {
                bytes.Take(5).Should().Equal("%PDF-"u8.ToArray());
            }
            else
            {
                System.Text.Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(31);
            }
        }

        // Without the box ticked nothing is deleted: the files are the only copy of the scratch codes.
        var unconfirmed = await HtmlForms.SubmitAsync(client, batchLink, new Dictionary<string, string> { ["_handler"] = "printed" });
        (await unconfirmed.Content.ReadAsStringAsync()).Should().Contain("Поставьте галочку, чтобы подтвердить");
        (await client.GetAsync(files[0])).StatusCode.Should().Be(HttpStatusCode.OK);

        var printed = await HtmlForms.SubmitAsync(client, batchLink, new Dictionary<string, string> { ["_handler"] = "printed", ["confirm"] = "true" });
        printed.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Redirect);

        (await client.GetAsync(files[0])).StatusCode.Should().Be(HttpStatusCode.NotFound, "print files are deleted once printed");
        (await client.GetStringAsync(batchLink)).Should().NotContain("/files/");
    }

    [Fact]
    public async Task A_batch_made_on_one_node_is_downloaded_and_marked_printed_through_another_with_its_codes_sealed_in_the_database()
    {
        // One browser (one cookie jar) whose requests land on either node, as behind a balancer.
        using var otherNode = site.AnotherNode();
        var jar = new CookieContainer();
        var nodeA = site.CreateDefaultClient(new CookieContainerHandler(jar));
        var nodeB = otherNode.CreateDefaultClient(new CookieContainerHandler(jar));
        await nodeA.SignInAsync("factory@club.demo");

        var created = await HtmlForms.SubmitAsync(nodeA, "/factory", new Dictionary<string, string>
        {
            ["_handler"] = "new-batch", ["Input.Sku"] = "AQ-SEA-R01", ["Input.Quantity"] = "12", ["Input.Partner"] = "", ["Input.Template"] = "a4-sheet-3x8.json",
        });
        var batchLink = await WaitForBatchLinkAsync(nodeA, created.Headers.Location!.ToString());

        var files = FileLink().Matches(await nodeB.GetStringAsync(batchLink)).Select(m => WebUtility.HtmlDecode(m.Groups["href"].Value)).ToList();
        files.Should().HaveCount(2, "node B lists the files node A made");
        var csv = await nodeB.GetStringAsync(files.Single(f => f.EndsWith(".csv", StringComparison.Ordinal)));
        var code = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1].Split(',')[2];
        (await nodeB.GetByteArrayAsync(files.Single(f => f.EndsWith(".pdf", StringComparison.Ordinal)))).Take(5).Should().Equal("%PDF-"u8.ToArray());

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ClubDbContext>().Database
                .SqlQuery<byte[]>($"SELECT sealed AS \"Value\" FROM tag_print_files").ToListAsync();
            stored.Should().NotBeEmpty();
            stored.Should().NotContain(bytes => System.Text.Encoding.UTF8.GetString(bytes).Contains(code), "a database dump must not show scratch codes");
        }

        // The form node A rendered is posted to node B (shared antiforgery keys).
        var fields = HtmlForms.HiddenFields(await nodeA.GetStringAsync(batchLink));
        fields["_handler"] = "printed";
        fields["confirm"] = "true";
        (await nodeB.PostAsync(batchLink, new FormUrlEncodedContent(fields))).StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Redirect);
        (await nodeA.GetAsync(files[0])).StatusCode.Should().Be(HttpStatusCode.NotFound, "marked printed on B, gone on A too");
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_starts_one_batch()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("factory@club.demo");
        var fields = HtmlForms.HiddenFields(await client.GetStringAsync("/factory"));
        fields["_handler"] = "new-batch";
        fields["Input.Sku"] = "AQ-SEA-R01";
        fields["Input.Quantity"] = "5";
        fields["Input.Template"] = "a4-sheet-3x8.json";

        var first = await client.PostAsync("/factory", new FormUrlEncodedContent(fields));
        var second = await client.PostAsync("/factory", new FormUrlEncodedContent(fields));

        first.Headers.Location.Should().NotBeNull();
        second.Headers.Location.Should().Be(first.Headers.Location, "the second click finds the job of the first");
    }

    [Fact]
    public async Task A_bad_quantity_is_explained_and_starts_nothing()
    {
        var client = site.CreateBrowserlessClient();
        await client.SignInAsync("factory@club.demo");

        var response = await HtmlForms.SubmitAsync(client, "/factory", new Dictionary<string, string>
        {
            ["_handler"] = "new-batch",
            ["Input.Sku"] = "AQ-SEA-R01",
            ["Input.Quantity"] = "1000001",
            ["Input.Template"] = "../../etc/passwd",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("1 000 000");
    }

    private static async Task<string> WaitForBatchLinkAsync(HttpClient client, string jobPage)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var html = await client.GetStringAsync(jobPage);
            var link = BatchLink().Match(html);
            if (link.Success)
            {
                return link.Groups["href"].Value;
            }

            html.Should().NotContain("class=\"alert", "the job must not fail");
            await Task.Delay(100);
        }

        throw new TimeoutException("The batch job did not finish in 30 s.");
    }

    [GeneratedRegex("""href="(?<href>/factory/batches/\d+)">""")]
    private static partial Regex BatchLink();

    [GeneratedRegex("""href="(?<href>/factory/batches/\d+/files/[^"]+)" download""")]
    private static partial Regex FileLink();
}
