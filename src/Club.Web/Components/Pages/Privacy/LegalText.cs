namespace Club.Web.Components.Pages.Privacy;

/// <summary>One block of a rules or policy text: a heading, a list item or a paragraph.</summary>
public sealed record LegalBlock(LegalBlockKind Kind, string Text);

public enum LegalBlockKind
{
    Heading,
    ListItem,
    Paragraph,
}

/// <summary>
/// Reads the plain-text format program managers write the rules in: "# " starts a heading, "- " a list
/// item, a blank line ends a paragraph. The blocks are rendered encoded, so no HTML typed in the editor
/// ever reaches a page.
/// </summary>
public static class LegalText
{
    public static IReadOnlyList<LegalBlock> Blocks(string text)
    {
        var blocks = new List<LegalBlock>();
        var paragraph = new List<string>();
        void EndParagraph()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(new LegalBlock(LegalBlockKind.Paragraph, string.Join(' ', paragraph)));
                paragraph.Clear();
            }
        }

        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                EndParagraph();
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                EndParagraph();
                blocks.Add(new LegalBlock(LegalBlockKind.Heading, line[2..].Trim()));
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                EndParagraph();
                blocks.Add(new LegalBlock(LegalBlockKind.ListItem, line[2..].Trim()));
            }
            else
            {
                paragraph.Add(line);
            }
        }

        EndParagraph();
        return blocks;
    }
}
