using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Club.Web.Tests.Localization;

/// <summary>
/// A number next to a counted noun needs the noun's plural forms ("{0} {0:plural:балл|балла|баллов}"):
/// a fixed form reads "1 баллов" or "Вы получите баллов: 700". A heuristic scan of the UI strings and
/// mail templates in both languages, so such a text cannot come back. A participle or adjective as the
/// label of a number ("Новых: {0}. Обновлено: {1}.", "Updated: {1}") is refused too: a sentence says
/// "Создано 3 изделия, обновлено 12", "3 products created, 12 updated".
/// </summary>
public partial class CountedNounTests
{
    private static readonly string Resources = Club.Testing.RepositoryRoot.Combine("src", "Club.Web", "Resources");
    private static readonly string Templates = Club.Testing.RepositoryRoot.Combine("src", "Club.Infrastructure", "Mail", "Templates");

    [Fact]
    public void Russian_counts_choose_the_form_of_their_noun()
    {
        var texts = ResourceValues("Localization.SharedResource.ru.resx")
            .Concat(TemplateTexts("*.ru.txt"));

        texts.SelectMany(t => FixedForms(t.Name, t.Text, RussianNounAfter(), RussianCountLabel(), limit: null))
            .Should().BeEmpty("a Russian count needs one / few / many forms: {0:plural:балл|балла|баллов}");
    }

    [Fact]
    public void English_counts_choose_the_form_of_their_noun()
    {
        // English text is the key unless en.resx overrides it.
        var english = ResourceValues("Localization.SharedResource.en.resx").ToDictionary(t => t.Name, t => t.Text);
        var texts = ResourceValues("Localization.SharedResource.ru.resx")
            .Select(t => (t.Name, Text: english.GetValueOrDefault(t.Name, t.Name)))
            .Concat(TemplateTexts("*.en.txt"));

        // "up to {0} characters", "({0} characters at most)": limits are settings well above one, so "characters" is always right.
        texts.SelectMany(t => FixedForms(t.Name, t.Text, EnglishNounAfter(), EnglishCountLabel(), EnglishLimit()))
            .Should().BeEmpty("an English count needs one / other forms: {0:plural:point|points}");
    }

    [Fact]
    public void The_scan_finds_a_fixed_form()
    {
        FixedForms("k", "У вас {0} баллов.", RussianNounAfter(), RussianCountLabel(), null).Should().ContainSingle();
        FixedForms("k", "Вы получите баллов: {0}.", RussianNounAfter(), RussianCountLabel(), null).Should().ContainSingle();
        FixedForms("k", "+{0:N0} points", EnglishNounAfter(), null, EnglishLimit()).Should().ContainSingle();
        FixedForms("k", "Прочитано этикеток: {0}; замечаний нет.", RussianNounAfter(), RussianCountLabel(), null).Should().ContainSingle();
        FixedForms("k", "Магазинов: {0} (открыто: {1})", RussianNounAfter(), RussianCountLabel(), null).Should().HaveCount(2);
        FixedForms("k", "Не больше {0} купонов", RussianNounAfter(), RussianCountLabel(), null).Should().ContainSingle();
        FixedForms("k", "Он действует {0} минут.", RussianNounAfter(), RussianCountLabel(), null).Should().ContainSingle();
        FixedForms("k", "У вас {0} {0:plural:балл|балла|баллов}.", RussianNounAfter(), RussianCountLabel(), null).Should().BeEmpty();
        FixedForms("k", "Ваш продавец: {0}", RussianNounAfter(), RussianCountLabel(), null).Should().BeEmpty();
        FixedForms("k", "up to {0} characters", EnglishNounAfter(), null, EnglishLimit()).Should().BeEmpty();
        FixedForms("k", "Новых: {0}. Обновлено: {1}. Отклонено: {2}.", RussianNounAfter(), RussianCountLabel(), null).Should().HaveCount(3);
        FixedForms("k", "Насчитано: {0}", RussianNounAfter(), RussianCountLabel(), null).Should().ContainSingle();
        FixedForms("k", "Изделий зарегистрировано за последние 12 месяцев: {0}", RussianNounAfter(), RussianCountLabel(), null).Should().ContainSingle();
        FixedForms("k", "Создано {0} {0:plural:изделие|изделия|изделий}, обновлено {1}, отклонено {2}.", RussianNounAfter(), RussianCountLabel(), null)
            .Should().BeEmpty();
        FixedForms("k", "Последнее изменение: {0}, {1}.", RussianNounAfter(), RussianCountLabel(), null).Should().BeEmpty();
        FixedForms("k", "New: {0}. Updated: {1}. Refused: {2}.", EnglishNounAfter(), EnglishCountLabel(), EnglishLimit()).Should().HaveCount(3);
        FixedForms("k", "{0} {0:plural:product|products} created, {1} updated, {2} refused.", EnglishNounAfter(), EnglishCountLabel(), EnglishLimit())
            .Should().BeEmpty();
        FixedForms("k", "({0} characters at most)", EnglishNounAfter(), null, EnglishLimit()).Should().BeEmpty();
    }

    private static IEnumerable<string> FixedForms(string name, string text, Regex nounAfter, Regex? label, Regex? limit)
    {
        foreach (Match placeholder in Placeholder().Matches(text))
        {
            var id = placeholder.Groups["id"].Value;
            if (placeholder.Groups["format"].Value is var format && (format.StartsWith("plural:", StringComparison.Ordinal) || format == "quoted")
                || text.Contains("{" + id + ":plural:", StringComparison.Ordinal))
            {
                continue;
            }

            var before = text[..placeholder.Index];
            var after = text[(placeholder.Index + placeholder.Length)..];
            var isLimit = limit is not null && limit.IsMatch(before + "#" + after);
            if (nounAfter.IsMatch(after) && !isLimit || label is not null && label.IsMatch(before))
            {
                yield return $"{name}: {text}";
            }
        }
    }

    private static IEnumerable<(string Name, string Text)> ResourceValues(string file) =>
        XDocument.Load(Path.Combine(Resources, file)).Root!.Elements("data")
            .Select(d => ((string)d.Attribute("name")!, (string?)d.Element("value") ?? ""));

    private static IEnumerable<(string Name, string Text)> TemplateTexts(string pattern) =>
        Directory.EnumerateFiles(Templates, pattern).Select(f => (Path.GetFileName(f), File.ReadAllText(f)));

    [GeneratedRegex(@"\{(?<id>\w+)(?::(?<format>[^}]*))?\}")]
    private static partial Regex Placeholder();

    // The number in "#": "up to #", "at most #", "more than #", "(# characters at most)".
    [GeneratedRegex(@"\b(to|most|than)\W*#|#\s+\w+ at most")]
    private static partial Regex EnglishLimit();

    // The noun right after the number: "{0} баллов", "{0} дн.", "{0} с".
    [GeneratedRegex(@"^\s+(балл|бирк|издели|подар|продаж|день|дня|дней|дн\b|час|минут|секунд|с\b|член|участник|продав|товар|файл|ответ|символ|месяц|попыт|провер|вопрос|вариант|строк|мегапиксел|купон|этикет|магазин|победител|приглашени|письм|раз\b|раза\b)", RegexOptions.IgnoreCase)]
    private static partial Regex RussianNounAfter();

    // A counted noun in the genitive plural as a label before the number: "баллов: {0}"; or a short
    // participle or a plural adjective as its label: "Обновлено: {0}", "Новых: {0}".
    [GeneratedRegex(@"((баллов|бирок|изделий|подарков|продаж|дней|часов|минут|секунд|участников|членов|продавцов|товаров|файлов|попыток|проверок|кодов|ответов|вопросов|этикеток|магазинов|купонов|победителей|писем|приглашений|месяцев)\s*:?|\w+(ено|ано|ято|ыто|ых|их)\s*:)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RussianCountLabel();

    // A participle as the label of a number: "Updated: {0}".
    [GeneratedRegex(@"\b(new|created|updated|refused|counted|imported|deleted|skipped)\s*:\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishCountLabel();

    [GeneratedRegex(@"^\s+(points?|items?|tags?|gifts?|sales?|days?|hours?|minutes?|seconds?|members?|sellers?|products?|files?|answers?|characters?|months?|attempts?|codes?|times|questions?|options?|rows?|megapixels?|labels?|coupons?|shops?|winners?|mails?|invitations?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishNounAfter();
}
