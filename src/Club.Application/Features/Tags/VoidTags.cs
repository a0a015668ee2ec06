using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Tags;

/// <summary>
/// Withdraws spoiled or lost labels of one batch: a list of serials, or every serial from
/// <paramref name="FromSerial"/> to <paramref name="ToSerial"/> in print order. Registered tags are
/// never voided. One set-based UPDATE; voiding again changes nothing.
/// </summary>
public sealed record VoidTagsCommand(int BatchId, IReadOnlyList<string> Serials, string? FromSerial = null, string? ToSerial = null)
    : ICommand<VoidTagsResult>;

public sealed record VoidTagsResult(int Voided, IReadOnlyList<string> Rejected, string? Error = null);

public sealed class VoidTagsHandler(IClubDbFactory dbFactory, ITagCodes codes, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<VoidTagsCommand, VoidTagsResult>
{
    private const int MaxListedSerials = 100_000;

    public async ValueTask<VoidTagsResult> Handle(VoidTagsCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var batch = await db.TagBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == command.BatchId, cancellationToken)
            ?? throw new NotFoundException("No such batch.");
        var now = clock.GetUtcNow();

        if (command.FromSerial is not null || command.ToSerial is not null)
        {
            if (codes.TryDecodeSerial(command.FromSerial, out var from) is not SerialCheck.Valid
                || codes.TryDecodeSerial(command.ToSerial, out var to) is not SerialCheck.Valid
                || !batch.Contains(from) || !batch.Contains(to) || from > to)
            {
                return new VoidTagsResult(0, [], "Both ends of the range must be serials of this batch, the first printed before the last.");
            }

            var voided = await db.Database.ExecuteSqlAsync(
                $"UPDATE tags SET state = {(short)TagState.Voided}, voided_at = {now} WHERE id BETWEEN {from} AND {to} AND state = {(short)TagState.Issued}",
                cancellationToken);
            await RecordAsync(db, batch.Id, new { State = TagState.Voided, From = command.FromSerial, To = command.ToSerial, Voided = voided }, voided, cancellationToken);
            return new VoidTagsResult(voided, []);
        }

        if (command.Serials.Count > MaxListedSerials)
        {
            return new VoidTagsResult(0, [], "Too many serials in one list; void a range instead.");
        }

        var ids = new List<long>();
        var rejected = new List<string>();
        foreach (var serial in command.Serials)
        {
            if (codes.TryDecodeSerial(serial, out var id) is SerialCheck.Valid && batch.Contains(id))
            {
                ids.Add(id);
            }
            else
            {
                rejected.Add(serial.Length <= 20 ? serial : serial[..20] + "…");
            }
        }

        var count = ids.Count == 0 ? 0 : await db.Database.ExecuteSqlAsync(
            $"UPDATE tags SET state = {(short)TagState.Voided}, voided_at = {now} WHERE id = ANY({ids.ToArray()}) AND state = {(short)TagState.Issued}",
            cancellationToken);
        await RecordAsync(db, batch.Id, new { State = TagState.Voided, Tags = ids.Count, Voided = count }, count, cancellationToken);
        return new VoidTagsResult(count, rejected);
    }

    // After the update (each void statement commits on its own; voiding again changes nothing). Only issued
    // tags are voided, so that is the state before.
    private async Task RecordAsync(IClubDb db, int batchId, object after, int voided, CancellationToken cancellationToken)
    {
        if (voided == 0)
        {
            return;
        }

        await audit.RecordAsync(new AuditChange("tags.void", "tag-batch", batchId.ToString(CultureInfo.InvariantCulture), new { State = TagState.Issued }, after), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
