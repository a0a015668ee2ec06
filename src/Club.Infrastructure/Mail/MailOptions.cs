namespace Club.Infrastructure.Mail;

public sealed class MailOptions
{
    public const string Section = "Club:Mail";

    public string FromAddress { get; set; } = "club@aquamarine.example";
    public string FromName { get; set; } = "AQUAMARINE Club";

    /// <summary>SMTP server; when empty, mail is written as .eml files into <see cref="PickupDirectory"/>.</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }

    /// <summary>Folder for .eml files when no SMTP server is set (embedded mode): open them in any mail program.</summary>
    public string PickupDirectory { get; set; } = "";
}
