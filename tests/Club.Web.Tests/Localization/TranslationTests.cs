using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Club.Web.Tests.Localization;

/// <summary>
/// UI strings are English keys; this finds every literal key in the web pages and in the messages
/// handlers return, and checks that Russian, the default language, has each one.
/// </summary>
public partial class TranslationTests
{
    private static readonly string RepositoryRoot = Club.Testing.RepositoryRoot.Path;

    [Fact]
    public void Every_ui_string_has_a_russian_translation()
    {
        var russian = Keys("Localization.SharedResource.ru.resx");
        var missing = UsedKeys().Where(k => !russian.Contains(k)).Order().ToList();

        missing.Should().BeEmpty("each of these is shown in English to Russian users");
    }

    [Fact]
    public void Composite_keys_have_english_text_too()
    {
        var english = Keys("Localization.SharedResource.en.resx");
        var russian = Keys("Localization.SharedResource.ru.resx");

        // "Role:Buyer", "Category:Ring"...: keys made from enum names, meaningless if shown as they are.
        russian.Where(k => CompositeKey().IsMatch(k)).Should().BeSubsetOf(english);
    }

    [Fact]
    public void Every_batch_state_has_words_in_both_languages()
    {
        var keys = Enum.GetNames<Club.Domain.Tags.TagBatchState>().Select(s => "BatchState:" + s).ToList();

        Keys("Localization.SharedResource.ru.resx").Should().Contain(keys);
        Keys("Localization.SharedResource.en.resx").Should().Contain(keys);
    }

    [Fact]
    public void Every_scheduled_job_has_a_name_in_both_languages()
    {
        // The jobs page shows L["Job:" + name]; a missing name showed the raw key "Job:TierEvaluation".
        var keys = Club.Infrastructure.Scheduling.ClubJobs.All.Select(j => "Job:" + j.Name).ToList();

        Keys("Localization.SharedResource.ru.resx").Should().Contain(keys);
        Keys("Localization.SharedResource.en.resx").Should().Contain(keys);
    }

    [Fact]
    public void Every_mail_template_has_a_name_in_both_languages()
    {
        // A member's page lists the mails sent by L["Mail:" + template] instead of the template's file name.
        var keys = Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "src", "Club.Infrastructure", "Mail", "Templates"), "*.ru.txt")
            .Select(f => "Mail:" + Path.GetFileName(f)[..^".ru.txt".Length]).ToList();

        keys.Should().NotBeEmpty();
        Keys("Localization.SharedResource.ru.resx").Should().Contain(keys);
        Keys("Localization.SharedResource.en.resx").Should().Contain(keys);
    }

    [Theory]
    [InlineData("Localization.SharedResource.ru.resx")]
    [InlineData("Localization.SharedResource.en.resx")]
    public void No_two_keys_differ_only_in_case(string file)
    {
        // Resource names are case-insensitive to the build: "Tags" and "tags" would drop one (warning MSB3568).
        var names = XDocument.Load(Path.Combine(RepositoryRoot, "src", "Club.Web", "Resources", file))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!);

        names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).Should().BeEmpty();
    }

    private static HashSet<string> Keys(string file) =>
        XDocument.Load(Path.Combine(RepositoryRoot, "src", "Club.Web", "Resources", file))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

    private static IEnumerable<string> UsedKeys()
    {
        var patterns = new[] { LocalizerCall(), ErrorMessageAttribute(), AlertText(), ErrorAssignment(), ResultMessage() };
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                        && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/Migrations/", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var pattern in patterns)
            {
                foreach (Match match in pattern.Matches(text))
                {
                    yield return Regex.Unescape(match.Groups["key"].Value);
                }
            }
        }
    }

    [GeneratedRegex(@"^\w+:\w+$")]
    private static partial Regex CompositeKey();

    [GeneratedRegex("""\b[Ll]\["(?<key>[^"\\]*(?:\\.[^"\\]*)*)"\]""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex(@"ErrorMessage = ""(?<key>[^""\\]*(?:\\.[^""\\]*)*)""")]
    private static partial Regex ErrorMessageAttribute();

    [GeneratedRegex(@"Text=""(?<key>[^@""][^""]*)""")]
    private static partial Regex AlertText();

    [GeneratedRegex(@"(?:error|message) = (?:[^;]*\? )?""(?<key>[^""\\]*(?:\\.[^""\\]*)*)""")]
    private static partial Regex ErrorAssignment();

    [GeneratedRegex(@"(?:Fail|ValidationResult|Describe|WithKey|UserMessage)\(""(?<key>[^""\\]*(?:\\.[^""\\]*)*)""")]
    private static partial Regex ResultMessage();
}
