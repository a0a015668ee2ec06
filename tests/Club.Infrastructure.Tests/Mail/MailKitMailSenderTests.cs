using Club.Application.Abstractions;
using Club.Testing;
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
}
