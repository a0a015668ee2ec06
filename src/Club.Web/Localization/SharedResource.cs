namespace Club.Web.Localization;

/// <summary>
/// Marker for the UI strings. Keys are the English text, so English needs no resource file and a
/// missing Russian entry shows English rather than a key; Resources/Localization.SharedResource.ru.resx
/// holds Russian (a test checks every key used in the pages has a translation).
/// </summary>
public sealed class SharedResource;
