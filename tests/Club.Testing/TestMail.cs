using System.Text.RegularExpressions;
using MimeKit;

namespace Club.Testing;

/// <summary>Mail the site wrote to its pickup folder (.eml files), for tests that follow a mailed link.</summary>
public static partial class TestMail
{
    /// <summary>The mails to <paramref name="address"/>, once at least <paramref name="count"/> have been written (some are sent after the response).</summary>
    public static async Task<IReadOnlyList<MimeMessage>> ToAsync(string folder, string address, int count = 1)
    {
        for (var wait = 0; ; wait++)
        {
            var mails = new List<MimeMessage>();
            var complete = true;
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
            {
                try
                {
                    var mail = await MimeMessage.LoadAsync(file);
                    if (mail.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
                    {
                        mails.Add(mail);
                    }
                }
                catch (Exception ex) when (ex is FormatException or IOException)
                {
                    // Still being written by a background send: read again on the next round.
                    complete = false;
                }
            }

            if ((complete && mails.Count >= count) || wait == 100)
            {
                return mails;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The path and query of the sign-up confirmation link mailed to <paramref name="address"/>.</summary>
    public static async Task<string> SignUpLinkAsync(string folder, string address)
    {
        var mails = await ToAsync(folder, address);
        var link = mails.Select(m => SignUpLink().Match(m.TextBody ?? "")).FirstOrDefault(m => m.Success)
            ?? throw new InvalidOperationException($"No sign-up link was mailed to {address}.");
        return new Uri(link.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+/account/confirm-sign-up\?token=\S+")]
    private static partial Regex SignUpLink();
}
