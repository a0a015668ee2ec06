using Club.Application.Abstractions;
using Club.Application.Features.Verification;
using Club.Domain.Verification;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Club.Application.Tests.Features.Verification.BrandProtectionSupport;

namespace Club.Application.Tests.Features.Verification;

public class CounterfeitReportTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Scans_of_an_unknown_serial_are_kept_as_one_row_per_serial_with_scans_and_distinct_visitors()
    {
        var serial = "fake-" + Guid.NewGuid().ToString("N")[..8];
        var phone = new ScanVisitor("10.1.0.1", "phone");
        var laptop = new ScanVisitor("10.1.0.2", "laptop");

        foreach (var visitor in new[] { phone, phone, laptop })
        {
            await db.SendAsync<ScanVerdict>(new ScanTagCommand(serial, null, visitor));
        }

        await db.Services.GetRequiredService<IScanLog>().FlushAsync();
        await using var context = await CreateAsync(db);
        var row = await context.UnknownSerials.SingleAsync(u => u.Serial == UnknownSerial.Normalise(serial));
        row.Should().BeEquivalentTo(new { Scans = 3L, Visitors = 2L, WellFormed = false });
        row.Serial.Should().Be(serial.Replace("-", "").ToUpperInvariant());
        (await context.TagScans.CountAsync(s => s.UnknownSerial == row.Serial)).Should().Be(3);
    }

    [Fact]
    public async Task A_serial_is_normalised_and_capped_before_it_is_stored()
    {
        UnknownSerial.Normalise(" ab-c\u00e9 12 ").Should().Be("ABC12");
        UnknownSerial.Normalise(new string('x', 5000)).Should().HaveLength(UnknownSerial.MaxLength);
        UnknownSerial.Normalise("--- ").Should().BeNull();

        await db.SendAsync<ScanVerdict>(new ScanTagCommand(new string('Q', 3000), null, new ScanVisitor("10.1.0.3", "x")));
        await db.Services.GetRequiredService<IScanLog>().FlushAsync();

        await using var context = await CreateAsync(db);
        (await context.UnknownSerials.AnyAsync(u => u.Serial == new string('Q', UnknownSerial.MaxLength))).Should().BeTrue();
    }

    [Fact]
    public async Task A_counterfeit_report_keeps_where_it_was_bought_and_a_re_encoded_photo()
    {
        var serial = "FAKE" + Random.Shared.Next(100_000, 999_999);

        var result = await db.SendAsync<Result>(new ReportTagProblemCommand(serial, null, "Купила на рынке, бирка не наша", "anna@example.com",
            new Purchase("Москва, Черкизовский рынок", new DateOnly(2026, 11, 20), "Павильон 12", 4990.50m), TestImages.JpegWithGps(), "10.2.0.1"));

        result.Succeeded.Should().BeTrue();
        await using var context = await CreateAsync(db);
        var report = await context.TagReports.SingleAsync(r => r.UnknownSerial == serial);
        report.Should().BeEquivalentTo(new
        {
            TagId = (long?)null, BoughtWhere = "Москва, Черкизовский рынок", BoughtOn = (DateOnly?)new DateOnly(2026, 11, 20), Shop = "Павильон 12",
            PricePaid = (decimal?)4990.50m, Status = TagReportStatus.New,
        });
        var photo = await context.TagReportPhotos.SingleAsync(p => p.ReportId == report.Id);
        photo.Content.Should().NotEqual(TestImages.JpegWithGps(), "the upload is re-encoded, which drops its GPS position");
        var desk = await db.SendAsync<IReadOnlyList<TagReportItem>>(new ListTagReportsQuery(await ManagerAsync(db), TagReportStatus.New));
        desk.Should().Contain(r => r.Id == report.Id && r.Counterfeit && r.HasPhoto && r.Serial == serial);
    }

    [Theory]
    [InlineData("", null, null, "Describe the problem, please.")]
    [InlineData("Fake", "2999-01-01", null, "The purchase date cannot be in the future.")]
    [InlineData("Fake", null, "-5", "Enter the price you paid in roubles.")]
    public async Task Bad_input_gets_a_message_and_stores_nothing(string message, string? on, string? price, string expected)
    {
        var serial = "BAD" + Random.Shared.Next(100_000, 999_999);

        var result = await db.SendAsync<Result>(new ReportTagProblemCommand(serial, null, message, null,
            new Purchase(null, on is null ? null : DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture), null, price is null ? null : decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)),
            null, "10.2.0.2"));

        result.Errors.Select(e => e.ErrorMessage).Should().Equal(expected);
        await using var context = await CreateAsync(db);
        (await context.TagReports.AnyAsync(r => r.UnknownSerial == serial)).Should().BeFalse();
    }

    [Fact]
    public async Task A_picture_that_is_not_one_is_refused()
    {
        var result = await db.SendAsync<Result>(new ReportTagProblemCommand("FAKEPIC1", null, "Fake", null, null, "<html>not a photo</html>"u8.ToArray(), "10.2.0.3"));

        result.Succeeded.Should().BeFalse();
        result.Errors[0].MemberNames.Should().Equal("Photo");
    }

    [Fact]
    public async Task Reports_are_limited_per_network_a_day()
    {
        var results = new List<Result>();
        for (var i = 0; i <= ReportTagProblemHandler.PerNetwork.Limit; i++)
        {
            results.Add(await db.SendAsync<Result>(new ReportTagProblemCommand($"FLOOD{i}", null, "Fake", null, null, null, "10.3.0.1")));
        }

        results.Take(ReportTagProblemHandler.PerNetwork.Limit).Should().OnlyContain(r => r.Succeeded);
        results[^1].Errors.Select(e => e.ErrorMessage).Should().Equal("You have sent many reports today. Please write to the brand's email instead.");
    }
}
