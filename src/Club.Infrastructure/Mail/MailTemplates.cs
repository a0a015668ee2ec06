using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Club.Application.Abstractions;

namespace Club.Infrastructure.Mail;

/// <summary>
/// Mail templates shipped inside the assembly as <c>Mail/Templates/{name}.{culture}.txt</c>: the first
/// line is <c>Subject: ...</c>, then an empty line, then the body; <c>{Name}</c> is replaced by the
/// value of that name (HTML-encoded in the HTML part). Plain text keeps translators away from markup.
/// <c>{SiteUrl}</c> is always the configured public address, so links in mails never depend on a request.
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
        var subject = Fill(text[9..split].Trim(), values, encode: false);
        var body = text[(split + 2)..].Trim();
        var html = string.Join("", Fill(body, values, encode: true)
            .Split("\n\n")
            .Select(paragraph => $"<p>{paragraph.Replace("\n", "<br>", StringComparison.Ordinal)}</p>"));
        return new MailMessage(to, subject, html, Fill(body, values, encode: false), attachments);
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

    private static string Fill(string text, IReadOnlyDictionary<string, string> values, bool encode) =>
        Placeholder().Replace(encode ? WebUtility.HtmlEncode(text) : text, match =>
            values.TryGetValue(match.Groups[1].Value, out var value)
                ? (encode ? WebUtility.HtmlEncode(value) : value)
                : match.Value);

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
