using System.Net;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Club.EndToEnd.Tests.Phone;

/// <summary>
/// axe-core's WCAG 2.0/2.1/2.2 A and AA rules run on a page as the walker sees it. A serious or critical
/// violation fails the page (rule, page, the elements' selectors); every violation of any impact goes to the
/// report (axe-report.json and axe-report.html in the gallery) so minor ones are seen too.
/// </summary>
public sealed class AxeCheck
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
        ResultTypes = [ResultType.Violations],
    };

    private static readonly string[] Failing = ["serious", "critical"];

    private readonly List<Finding> findings = [];
    private int pages;

    public string Summary =>
        $"{pages} pages scanned, {findings.Count(f => Failing.Contains(f.Impact))} serious or critical and {findings.Count(f => !Failing.Contains(f.Impact))} other violations";

    /// <summary>Null when axe finds nothing serious or critical on the page; else one line per rule broken.</summary>
    public async Task<string?> CheckAsync(IPage page, string visitor, string path)
    {
        pages++;
        var result = await page.RunAxe(Options);
        var found = result.Violations.Select(v => new Finding(
            visitor, path, v.Id, v.Impact ?? "", v.Help, v.HelpUrl, v.Nodes.Select(n => n.Target?.ToString() ?? "").ToArray())).ToList();
        findings.AddRange(found);
        var failing = found.Where(f => Failing.Contains(f.Impact)).ToList();
        return failing.Count == 0
            ? null
            : "axe: " + string.Join("; ", failing.Select(f => $"{f.Rule} ({f.Impact}) at {string.Join(", ", f.Targets.Take(4))}{(f.Targets.Length > 4 ? $" and {f.Targets.Length - 4} more" : "")}"));
    }

    public async Task WriteReportAsync(string folder)
    {
        await File.WriteAllTextAsync(Path.Combine(folder, "axe-report.json"), JsonSerializer.Serialize(findings, new JsonSerializerOptions { WriteIndented = true }));
        var html = new StringBuilder("<!doctype html><meta charset=utf-8><title>axe: WCAG 2.2 AA on every page</title>")
            .Append("<style>body{font-family:sans-serif}td,th{border-bottom:1px solid #ccc;padding:4px;text-align:left;vertical-align:top}.serious,.critical{color:#b00}</style>")
            .Append("<h1>axe-core, WCAG 2.0/2.1/2.2 A and AA</h1><p>").Append(WebUtility.HtmlEncode(Summary)).Append("</p>")
            .Append("<table><tr><th>Visitor</th><th>Page</th><th>Rule</th><th>Impact</th><th>Elements</th></tr>");
        foreach (var f in findings)
        {
            html.Append("<tr><td>").Append(WebUtility.HtmlEncode(f.Visitor)).Append("</td><td>").Append(WebUtility.HtmlEncode(f.Page))
                .Append("</td><td><a href=\"").Append(WebUtility.HtmlEncode(f.HelpUrl)).Append("\">").Append(WebUtility.HtmlEncode(f.Rule)).Append("</a> ")
                .Append(WebUtility.HtmlEncode(f.Help)).Append("</td><td class=\"").Append(f.Impact).Append("\">").Append(WebUtility.HtmlEncode(f.Impact))
                .Append("</td><td>").Append(WebUtility.HtmlEncode(string.Join(", ", f.Targets))).Append("</td></tr>");
        }

        await File.WriteAllTextAsync(Path.Combine(folder, "axe-report.html"), html.Append("</table>").ToString());
    }

    private sealed record Finding(string Visitor, string Page, string Rule, string Impact, string Help, string HelpUrl, string[] Targets);
}
