using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Reports;
using Club.Domain.Verification;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>
/// Staff work a report on the desk: its status, their notes, and optionally a reply mailed to the
/// reporter (only a signed-in reporter has a mailbox we know; an anonymous one left a contact to answer by hand).
/// </summary>
public sealed record UpdateTagReportCommand(Guid ViewerId, long ReportId, TagReportStatus Status, string? Notes, string? Reply) : ICommand<Result>;

public sealed class UpdateTagReportHandler(IClubDbFactory dbFactory, IAuditTrail audit, IMailOutbox outbox, ITagCodes codes, TimeProvider clock)
    : ICommandHandler<UpdateTagReportCommand, Result>
{
    public const string ReplyTemplate = "TagReportReply";

    public async ValueTask<Result> Handle(UpdateTagReportCommand command, CancellationToken cancellationToken)
    {
        var notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim();
        var reply = string.IsNullOrWhiteSpace(command.Reply) ? null : command.Reply.Trim();
        if (!Enum.IsDefined(command.Status))
        {
            return Result.Fail("Choose a status.", nameof(command.Status));
        }

        if (notes is { Length: > TagReport.MaxNotesLength } || reply is { Length: > TagReport.MaxReplyLength })
        {
            return Result.Fail(new UserMessage("Notes and replies: at most {0} characters.", [TagReport.MaxNotesLength]));
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var partner = await ReportScope.PartnerForAsync(db, command.ViewerId, null, cancellationToken);
        var report = await db.TagReports.SingleOrDefaultAsync(r => r.Id == command.ReportId, cancellationToken);
        var reportPartner = report?.TagId is { } tagId
            ? await (from t in db.Tags join b in db.TagBatches on t.BatchId equals b.Id where t.Id == tagId select b.PartnerId).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (report is null || (partner is not null && reportPartner != partner))
        {
            return Result.Fail("No such report.");
        }

        if (reply is not null && report.MemberId is null)
        {
            return Result.Fail("The reporter did not sign in, so the club has no mailbox to reply to: write to the contact they left.", nameof(command.Reply));
        }

        var before = new { report.Status, report.StaffNotes, report.Reply };
        var now = clock.GetUtcNow();
        var mailReply = reply is not null && reply != report.Reply;
        report.Status = command.Status;
        report.StaffNotes = notes;
        report.UpdatedAt = now;
        if (mailReply)
        {
            report.Reply = reply;
            report.RepliedAt = now;
        }

        var id = report.Id.ToString(CultureInfo.InvariantCulture);
        await audit.RecordAsync(new AuditChange("tag-report.update", "tag-report", id, before, new { report.Status, report.StaffNotes, report.Reply }, report.MemberId),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        if (mailReply)
        {
            var serial = report.TagId is { } tag ? codes.SerialOf(tag) : report.UnknownSerial ?? "";
            await outbox.EnqueueAsync($"tag-report-reply:{id}:{now.ToUnixTimeMilliseconds()}", new MemberMail(report.MemberId!.Value, ReplyTemplate,
                new Dictionary<string, string> { ["Serial"] = serial, ["Reply"] = reply! }), cancellationToken);
        }

        return Result.Ok;
    }
}
