using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Club.Application.Abstractions;
using Club.Application.Localization;

namespace Club.Infrastructure.Mail;

/// <summary>
/// Mail templates shipped inside the assembly as <c>Mail/Templates/{name}.{culture}.txt</c>: the first
/// line is <c>Subject: ...</c>, then an empty line, then the body; <c>{Name}</c> is replaced by the
/// value of that name (HTML-encoded in the HTML part). Plain text keeps translators away from markup.
/// <c>{SiteUrl}</c> is always the configured public address, so links in mails never depend on a request.
/// <c>{Points:plural:балл|балла|баллов}</c> is the form for that value's number (<see cref="Plural"/>, the
/// rules the pages use); <c>{Gift:quoted}</c> puts the value in the language's quotes, turning quotes
/// inside it into the inner kind (Russian «Подвеска „Капля“», English “Pendant ‘Drop’”); <c>{Date:date}</c>
/// writes a day given as dd.MM.yyyy the long way of the language ("3 декабря 2026 г.", "3 December 2026").
/// </summary>
public sealed partial class MailTemplates(IPublicAddress publicAddress)
{
    private readonly ConcurrentDictionary<string, string?> cache = new();

    /// <summary>Renders <paramref name="template"/> in <paramref name="culture"/>, falling back to Russian.</summary>
    public MailMessage Render(
        string template, string culture, string to, IReadOnlyDictionary<string, string> values, IReadOnlyList<MailAttachment>? attachments = null)
    {
        var text = Load(template, culture == "en" ? "en" : "ru") ?? Load(template, "ru")
            ?? throw new InvalidOperationException($"Mail template '{template}' does not exist.");
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (!text.StartsWith("Subject: ", StringComparison.Ordinal) || split < 0)
        {
            throw new InvalidOperationException($"Mail template '{template}' must start with 'Subject: ' and an empty line.");
        }

        values = new Dictionary<string, string>(values) { ["SiteUrl"] = publicAddress.BaseUrl };
        var language = CultureInfo.GetCultureInfo(culture == "en" ? "en" : "ru");
        var subject = Fill(text[9..split].Trim(), values, language, encode: false);
        var body = text[(split + 2)..].Trim();
        var html = string.Join("", Fill(body, values, language, encode: true)
            .Split("\n\n")
            .Select(paragraph => $"<p>{paragraph.Replace("\n", "<br>", StringComparison.Ordinal)}</p>"));
        return new MailMessage(to, subject, html, Fill(body, values, language, encode: false), attachments);
    }

    private string? Load(string template, string culture) =>
        cache.GetOrAdd($"{template}.{culture}", key =>
        {
            using var stream = typeof(MailTemplates).Assembly.GetManifestResourceStream($"Club.Infrastructure.Mail.Templates.{key}.txt");
            if (stream is null)
            {
                return null;
            }

            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        });

    private static string Fill(string text, IReadOnlyDictionary<string, string> values, CultureInfo language, bool encode)
    {
        var filled = new StringBuilder();
        var done = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            filled.Append(Encoded(text[done..match.Index], encode));
            filled.Append(Encoded(values.TryGetValue(match.Groups["name"].Value, out var value) ? Shown(match, value, language) : match.Value, encode));
            done = match.Index + match.Length;
        }

        return filled.Append(Encoded(text[done..], encode)).ToString();
    }

    private static string Encoded(string text, bool encode) => encode ? WebUtility.HtmlEncode(text) : text;

    private static string Shown(Match placeholder, string value, CultureInfo language)
    {
        if (placeholder.Groups["forms"].Success)
        {
            var forms = placeholder.Groups["forms"].Value;
            return Plural.CountOf(value) is { } count ? Plural.Choose(count, forms, language) : forms.Split('|')[^1];
        }

        if (placeholder.Groups["date"].Success
            && DateOnly.TryParseExact(value, "dd.MM.yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day.ToString(language.TwoLetterISOLanguageName == "en" ? "d MMMM yyyy" : "d MMMM yyyy 'г.'", language);
        }

        return placeholder.Groups["quoted"].Success ? Quotes.Around(value, language) : value;
    }

    [GeneratedRegex(@"\{(?<name>\w+)(?::plural:(?<forms>[^}]*)|:(?<quoted>quoted)|:(?<date>date))?\}")]
    private static partial Regex Placeholder();
}
