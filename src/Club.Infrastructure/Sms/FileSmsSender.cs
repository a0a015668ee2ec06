using System.Globalization;
using System.Text;
using Club.Application.Abstractions;
using Microsoft.Extensions.Logging;

namespace Club.Infrastructure.Sms;

/// <summary>
/// The embedded-mode SMS "gateway": each message becomes a small text file in a local folder
/// (Club:Sms:Folder, default App_Data/sms), named by time and phone, so codes can be read without an
/// outside service. A real gateway replaces this class behind <see cref="ISmsSender"/>.
/// </summary>
internal sealed class FileSmsSender(string folder, ILogger<FileSmsSender> logger) : ISmsSender
{
    public string Folder => folder;

    public async Task SendAsync(string phone, string text, CancellationToken cancellationToken = default)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        var file = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fff}-{digits}-{Guid.NewGuid():N}.txt"));
        await using (var writer = new StreamWriter(ClubPaths.CreatePrivateFile(file), new UTF8Encoding(false)))
        {
            await writer.WriteAsync($"To: {phone}\n\n{text}\n".AsMemory(), cancellationToken);
        }

        logger.LogInformation("SMS to {Phone} written to {File}", phone, file);
    }
}
