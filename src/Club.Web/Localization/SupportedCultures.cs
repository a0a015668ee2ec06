namespace Club.Web.Localization;

public static class SupportedCultures
{
    public const string Default = "ru";
    public const string CookieName = "club.culture";
    public static IReadOnlyList<string> All { get; } = ["ru", "en"];
}
