using Club.Application.Abstractions;
using Microsoft.Extensions.Localization;

namespace Club.Web.Localization;

public static class UserMessageText
{
    /// <summary>The message in the reader's language: its key translated, its values formatted in the reader's culture.</summary>
    public static string Translate(this IStringLocalizer localizer, UserMessage message) =>
        message.Args.Count == 0 ? localizer[message.Key] : localizer[message.Key, [.. message.Args]];
}
