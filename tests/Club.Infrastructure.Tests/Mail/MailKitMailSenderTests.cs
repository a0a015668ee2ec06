using Club.Application.Abstractions;
using Club.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Club.Infrastructure.Tests.Mail;

public class MailKitMailSenderTests
{
    [Fact]
    public async Task Without_an_smtp_server_writes_a_standard_eml_file_to_the_pickup_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "club-mail-test", Guid.NewGuid().ToString("N"));
        await using var services = TestServices.Build("Host=unused", mailFolder: folder);

        await services.GetRequiredService<IMailSender>().SendAsync(
            new MailMessage("anna@example.com", "Восстановление пароля", "<p>Ссылка</p>", "Ссылка",
                [new MailAttachment("report.csv", "text/csv", "a;b\n1;2\n"u8.ToArray())]));

        var file = Directory.GetFiles(folder, "*.eml").Should().ContainSingle().Subject;
        var message = await MimeMessage.LoadAsync(file);
        message.To.Mailboxes.Single().Address.Should().Be("anna@example.com");
        message.Subject.Should().Be("Восстановление пароля");
        message.HtmlBody.Should().Contain("Ссылка");
        message.Attachments.OfType<MimePart>().Single().FileName.Should().Be("report.csv");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Mail_and_sms_files_of_embedded_mode_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mailFolder = Path.Combine(Path.GetTempPath(), "club-mail-test", Guid.NewGuid().ToString("N"));
        var appData = Path.Combine(Path.GetTempPath(), "club-sms-test", Guid.NewGuid().ToString("N"));
        var smsFolder = Path.Combine(appData, "sms");
        await using var services = TestServices.Build("Host=unused", mailFolder: mailFolder, configure: s => s.AddSingleton<IConfiguration>(
            new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Club:AppData"] = appData })
                .Build()));

        await services.GetRequiredService<IMailSender>().SendAsync(new MailMessage("anna@example.com", "Код", "<p>1234</p>", "1234"));
        await services.GetRequiredService<ISmsSender>().SendAsync("+7 926 100-20-30", "Код: 1234");

        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        File.GetUnixFileMode(Directory.GetFiles(mailFolder, "*.eml").Single()).Should().Be(ownerOnly);
        File.GetUnixFileMode(Directory.GetFiles(smsFolder).Single()).Should().Be(ownerOnly);
        File.GetUnixFileMode(smsFolder).Should().Be(ownerOnly | UnixFileMode.UserExecute, "a folder the site creates is private too");
        (await File.ReadAllTextAsync(Directory.GetFiles(smsFolder).Single())).Should().Be("To: +7 926 100-20-30\n\nКод: 1234\n");
        Directory.Delete(mailFolder, recursive: true);
        Directory.Delete(appData, recursive: true);
    }
}
