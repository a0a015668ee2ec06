using Club.Application.Features.Tags;
using Club.Testing;
using static Club.Application.Tests.Features.Tags.TagBatchTestSupport;

namespace Club.Application.Tests.Features.Tags;

public class ScratchCodesStaySecretTests(LoggingDatabaseFixture db) : IClassFixture<LoggingDatabaseFixture>
{
    [Fact]
    public async Task Plain_scratch_codes_never_reach_the_logs_even_at_trace_level()
    {
        var folder = TempFolder();

        var result = await db.SendAsync<CreateTagBatchResult>(NewBatch(folder, quantity: 300));

        var codes = ReadPrintFile(result.Batch!.PrintFile).Select(r => r[2]).ToList();
        db.Logs.Lines.Should().NotBeEmpty("the capture must see the logs for this test to mean anything");
        var logs = string.Join('\n', db.Logs.Lines);
        foreach (var grouped in codes)
        {
            logs.Should().NotContain(grouped).And.NotContain(grouped.Replace("-", "", StringComparison.Ordinal));
        }

        Directory.Delete(folder, recursive: true);
    }
}
