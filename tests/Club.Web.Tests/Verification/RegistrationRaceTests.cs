using System.Net;
using Club.Testing;

namespace Club.Web.Tests.Verification;

/// <summary>Registration posts that lose a race (a site of their own: the posts count against the per-address limit).</summary>
public class RegistrationRaceTests(ClubWebFactory site) : IClassFixture<ClubWebFactory>
{
    [Fact]
    public async Task Buyers_racing_for_one_tag_each_hear_the_true_state_and_never_form_not_sent()
    {
        var tag = (await TestTags.CreateBatchAsync(site.Services, 1)).Tags[0];
        var buyers = new[] { await TestTags.CreateBuyerAsync(site.Services), await TestTags.CreateBuyerAsync(site.Services) };
        var forms = new List<(int Buyer, HttpClient Client, Dictionary<string, string> Fields)>();
        for (var b = 0; b < buyers.Length; b++)
        {
            var client = site.CreateBrowserlessClient();
            await client.SignInAsync(buyers[b].Email, "buyer-pass-1");
            var fields = HtmlForms.HiddenFields(await client.GetStringAsync($"/T/{tag.Serial}"));
            fields["code"] = tag.ScratchCode;
            forms.Add((b, client, fields));
        }

        // Each buyer clicks four times while the other does the same: eight posts on a free tag at once.
        var posts = await Task.WhenAll(forms.SelectMany(f => Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var response = await f.Client.PostAsync($"/T/{tag.Serial}", new FormUrlEncodedContent(f.Fields));
            return (f.Buyer, response.StatusCode, Page: await response.Content.ReadAsStringAsync());
        }))));

        posts.Should().OnlyContain(p => p.StatusCode == HttpStatusCode.OK, "a valid post losing a race is answered, not refused");
        var won = posts.Where(p => p.Page.Contains("Изделие зарегистрировано на вас.")).Should().ContainSingle().Subject;
        posts.Where(p => p.Buyer == won.Buyer && p != won).Should().OnlyContain(p => p.Page.Contains("Вы уже зарегистрировали это изделие."));
        posts.Where(p => p.Buyer != won.Buyer).Should().HaveCount(4)
            .And.OnlyContain(p => p.Page.Contains("Это изделие уже зарегистрировано другим участником."));
    }
}
