using System.Net;
using Club.Testing;

namespace Club.Web.Tests.Reliability;

/// <summary>Two real site processes on one database: the limits that protect scratch codes hold across both.</summary>
[LongRunning]
public class CrossNodeLimitTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task One_account_posting_codes_through_two_nodes_gets_the_per_account_limit_once_not_twice()
    {
        var tag = (await TestTags.CreateBatchAsync(db.Services, 1)).Tags[0];
        var buyer = await TestTags.CreateBuyerAsync(db.Services);
        await using var nodeA = SiteProcess.Start(db.ConnectionString);
        await using var nodeB = SiteProcess.Start(db.ConnectionString);
        var clients = new List<HttpClient>();
        foreach (var node in new[] { nodeA, nodeB })
        {
            await node.WaitForOutputAsync("Club is running at", TimeSpan.FromSeconds(120));
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            {
                BaseAddress = new Uri(node.Address),
            };
            await HtmlForms.SubmitAsync(client, "/account/sign-in", new Dictionary<string, string>
            {
                ["Input.Email"] = buyer.Email,
                ["Input.Password"] = "buyer-pass-1",
            });
            clients.Add(client);
        }

        // 20 wrong codes in well under a minute, alternating nodes, against 10 per account per minute.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            var response = await HtmlForms.SubmitAsync(clients[i % 2], $"/T/{tag.Serial}", new Dictionary<string, string> { ["code"] = "AAAA-AAAA-AAA" });
            statuses.Add(response.StatusCode);
        }

        statuses.Count(s => s == HttpStatusCode.OK).Should().Be(10, "the limit is the account's, whichever node counts it");
        statuses.Count(s => s == HttpStatusCode.TooManyRequests).Should().Be(10);
        clients.ForEach(c => c.Dispose());
    }
}
