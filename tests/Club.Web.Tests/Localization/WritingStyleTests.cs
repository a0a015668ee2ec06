using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Club.Web.Tests.Localization;

/// <summary>
/// The faults a proofreading pass found in the UI strings and mail templates, checked mechanically so they
/// cannot come back (the rules are in docs/writing.md): quotes nested in quotes («Подвеска «Капля»»),
/// a name put in quotes by hand instead of <c>{0:quoted}</c>, double spaces, a space before punctuation,
/// «прочитал(а)» forms, one thing called by two words, English "cabinet", and a value that one language
/// shows and the other does not.
/// </summary>
public partial class WritingStyleTests
{
    private static readonly string Resources = Club.Testing.RepositoryRoot.Combine("src", "Club.Web", "Resources");
    private static readonly string Templates = Club.Testing.RepositoryRoot.Combine("src", "Club.Infrastructure", "Mail", "Templates");

    /// <summary>The word the club uses, for each word it does not (docs/writing.md, "Terminology").</summary>
    private static readonly (Regex Avoided, string Used)[] RussianTerms =
    [
        (new Regex(@"учётн\w* запис", RegexOptions.IgnoreCase), "аккаунт"),
        (new Regex(@"e-mail", RegexOptions.IgnoreCase), "почта"),
        (new Regex(@"\bметк", RegexOptions.IgnoreCase), "бирка"),
        (new Regex(@"\bтовар", RegexOptions.IgnoreCase), "изделие"),
        (new Regex(@"флажок|флажка", RegexOptions.IgnoreCase), "галочка"),
        (new Regex(@"регистр\w* продаж|продаж\w* зарегистрир", RegexOptions.IgnoreCase), "записать продажу (a buyer registers an item, a seller records a sale)"),
        (new Regex(@"\bеще\b", RegexOptions.IgnoreCase), "ещё"),
    ];

    [Fact]
    public void Russian_texts_follow_the_style_guide() =>
        RussianTexts().SelectMany(t => Faults(t.Name, t.Text).Concat(TermFaults(t.Name, t.Text)))
            .Should().BeEmpty("docs/writing.md");

    [Fact]
    public void English_texts_follow_the_style_guide() =>
        EnglishTexts().SelectMany(t => Faults(t.Name, t.Text).Concat(EnglishFaults(t.Name, t.Text)))
            .Should().BeEmpty("docs/writing.md");

    [Fact]
    public void Both_languages_show_the_same_values()
    {
        var english = EnglishResourceTexts().ToDictionary(t => t.Name, t => t.Text);
        var differing = ResourceValues("Localization.SharedResource.ru.resx")
            .Where(t => !Placeholders(t.Text).SetEquals(Placeholders(english[t.Name])))
            .Select(t => $"{t.Name}: «{t.Text}» / “{english[t.Name]}”");

        differing.Should().BeEmpty("a value shown in one language and missing in the other is a wrong translation");
    }

    [Fact]
    public void Both_languages_of_a_mail_fill_in_the_same_values()
    {
        var differing = Directory.EnumerateFiles(Templates, "*.ru.txt")
            .Select(ru => (Name: Path.GetFileName(ru), Russian: Names(File.ReadAllText(ru)), English: Names(File.ReadAllText(ru.Replace(".ru.txt", ".en.txt", StringComparison.Ordinal)))))
            .Where(t => !t.Russian.SetEquals(t.English))
            .Select(t => $"{t.Name}: {string.Join(", ", t.Russian.Except(t.English).Concat(t.English.Except(t.Russian)))}");

        differing.Should().BeEmpty();
    }

    [Fact]
    public void Every_english_override_translates_a_russian_key()
    {
        var russian = ResourceValues("Localization.SharedResource.ru.resx").Select(t => t.Name).ToHashSet();

        ResourceValues("Localization.SharedResource.en.resx").Select(t => t.Name).Where(n => !russian.Contains(n))
            .Should().BeEmpty("an English text no page asks for in Russian is left over from an old key");
    }

    [Fact]
    public void The_checks_find_each_fault()
    {
        Faults("k", "Подвеска «Капля» и «Серьги «Волна»»").Should().ContainSingle();
        Faults("k", "Удалить урок «{0}»?").Should().ContainSingle();
        Faults("k", "Сохранено .").Should().ContainSingle();
        Faults("k", "Два  пробела").Should().ContainSingle();
        Faults("k", "Я прочитал(а) урок").Should().ContainSingle();
        Faults("k", "Удалить урок {0:quoted}? «Обладатели статуса „Коллекционер“»").Should().BeEmpty();
        TermFaults("k", "Отключить учётную запись").Should().ContainSingle();
        TermFaults("k", "Зарегистрировать продажу").Should().ContainSingle();
        TermFaults("k", "Снимите отметку в заметке").Should().BeEmpty();
        EnglishFaults("k", "Open my cabinet").Should().ContainSingle();
        EnglishFaults("k", "Delete the lesson «{0}»?").Should().ContainSingle();
    }

    private static IEnumerable<string> Faults(string name, string text)
    {
        var checks = new (Regex Pattern, string Fault)[]
        {
            (NestedQuotes(), "quotes inside quotes: the inner ones are „…“, or use {0:quoted}"),
            (QuotedByHand(), "a value in quotes by hand: {0:quoted} quotes it and turns its own quotes into the inner kind"),
            (DoubleSpace(), "a double space"),
            (SpaceBeforePunctuation(), "a space before punctuation"),
            (GenderBrackets(), "a «(а)» form: rephrase so it fits everyone"),
        };
        return checks.Where(c => c.Pattern.IsMatch(text)).Select(c => $"{name}: {c.Fault}: {text}");
    }

    private static IEnumerable<string> TermFaults(string name, string text) =>
        RussianTerms.Where(t => t.Avoided.IsMatch(text)).Select(t => $"{name}: say «{t.Used}»: {text}");

    private static IEnumerable<string> EnglishFaults(string name, string text)
    {
        if (CabinetOrEmail().IsMatch(text))
        {
            yield return $"{name}: English says \"account\" and \"email\": {text}";
        }

        if (text.Contains('«') || text.Contains('»'))
        {
            yield return $"{name}: English quotes are “…” ({{0:quoted}}): {text}";
        }
    }

    private static IEnumerable<(string Name, string Text)> RussianTexts() =>
        ResourceValues("Localization.SharedResource.ru.resx").Concat(TemplateTexts("*.ru.txt"));

    private static IEnumerable<(string Name, string Text)> EnglishTexts() => EnglishResourceTexts().Concat(TemplateTexts("*.en.txt"));

    private static IEnumerable<(string Name, string Text)> EnglishResourceTexts()
    {
        // English text is the key unless en.resx overrides it.
        var english = ResourceValues("Localization.SharedResource.en.resx").ToDictionary(t => t.Name, t => t.Text);
        return ResourceValues("Localization.SharedResource.ru.resx").Select(t => (t.Name, english.GetValueOrDefault(t.Name, t.Name)));
    }

    private static IEnumerable<(string Name, string Text)> ResourceValues(string file) =>
        XDocument.Load(Path.Combine(Resources, file)).Root!.Elements("data")
            .Select(d => ((string)d.Attribute("name")!, (string?)d.Element("value") ?? ""));

    // Template lines one by one: a double space or a quote pair never spans lines, and links are left alone.
    private static IEnumerable<(string Name, string Text)> TemplateTexts(string pattern) =>
        Directory.EnumerateFiles(Templates, pattern).SelectMany(f => File.ReadAllLines(f).Select(line => (Path.GetFileName(f), line)));

    private static HashSet<string> Placeholders(string text) =>
        ResourcePlaceholder().Matches(text).Select(m => m.Groups["index"].Value).ToHashSet();

    // {Name}, {NameRu} and {NameEn} are the same value in its two languages.
    private static HashSet<string> Names(string text) =>
        TemplatePlaceholder().Matches(text).Select(m => LanguageSuffix().Replace(m.Groups["name"].Value, "")).ToHashSet();

    [GeneratedRegex(@"\{(?<index>\d+)(?::[^}]*)?\}")]
    private static partial Regex ResourcePlaceholder();

    [GeneratedRegex(@"\{(?<name>\w+)(?::[^}]*)?\}")]
    private static partial Regex TemplatePlaceholder();

    [GeneratedRegex("(Ru|En)$")]
    private static partial Regex LanguageSuffix();

    [GeneratedRegex("«[^»]*«")]
    private static partial Regex NestedQuotes();

    [GeneratedRegex("""«\{\w+\}»|"\{\w+\}"|“\{\w+\}”|'\{\w+\}'""")]
    private static partial Regex QuotedByHand();

    [GeneratedRegex(@"\S {2,}\S")]
    private static partial Regex DoubleSpace();

    [GeneratedRegex(@"\S [,.:;!?)](\s|$)")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\((а|на|ла|ась)\)")]
    private static partial Regex GenderBrackets();

    [GeneratedRegex(@"(?<!/)\bcabinet\b|e-mail", RegexOptions.IgnoreCase)]
    private static partial Regex CabinetOrEmail();
}
