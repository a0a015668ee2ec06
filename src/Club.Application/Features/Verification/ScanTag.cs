using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Domain.Tags;
using Club.Domain.Verification;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>
/// What the public scan page says about a serial. Logs the scan unless Log is false (the page's own
/// form posts are not new scans). ClientHash is the visitor's anonymised hash (address and browser
/// under a daily salt).
/// </summary>
public sealed record ScanTagCommand(string? Serial, Guid? MemberId, byte[] ClientHash, bool Log = true) : ICommand<ScanVerdict>;

public enum Verdict
{
    NotGenuine,
    Available,
    Yours,
    SomeoneElses,
    Voided,
    Locked,
}

/// <summary>
/// The verdict and what may be shown with it: the product, the registration date, how often the tag
/// was checked. Never who registered it.
/// </summary>
public sealed record ScanVerdict(Verdict Verdict, string? Serial, ScannedProduct? Product, DateTimeOffset? RegisteredAt, long Scans, BrandContact? Contact);

/// <summary>How a worried buyer reaches the brand.</summary>
public sealed record BrandContact(string Email, string? Phone);

public sealed record ScannedProduct(string Sku, string Name, string Collection, string Metal, string? Stone, string? PhotoUrl, int Points);

public sealed class ScanTagHandler(IClubDbFactory dbFactory, ITagCodes codes, IScanLog scanLog, TimeProvider clock) : ICommandHandler<ScanTagCommand, ScanVerdict>
{
    public async ValueTask<ScanVerdict> Handle(ScanTagCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var decoded = codes.TryDecodeSerial(command.Serial, out var tagId) is SerialCheck.Valid;
        var tag = decoded
            ? await (from t in db.Tags.AsNoTracking()
                     join b in db.TagBatches on t.BatchId equals b.Id
                     join p in db.Products on b.ProductId equals p.Id
                     join points in PointsLedger.EarnedPoints(db) on p.Id equals points.ProductId
                     where t.Id == tagId
                     select new
                     {
                         t.State, t.FailedAttempts, t.OwnerMemberId, t.RegisteredAt, BatchState = b.State, p, points.Points,
                         Scans = db.TagScanCounts.Where(c => c.TagId == t.Id).Select(c => c.Scans).FirstOrDefault(),
                     })
                .SingleOrDefaultAsync(cancellationToken)
            : null;

        long? loggedTagId = tag is null ? null : tagId;
        if (command.Log)
        {
            scanLog.Add(new TagScan { TagId = loggedTagId, ScannedAt = clock.GetUtcNow(), ClientHash = command.ClientHash, MemberId = command.MemberId });
        }

        if (tag is null)
        {
            return new ScanVerdict(Verdict.NotGenuine, null, null, null, 0, await ContactAsync(db, cancellationToken));
        }

        var verdict = tag switch
        {
            { State: TagState.Voided } or { BatchState: TagBatchState.Voided } => Verdict.Voided,
            { State: TagState.Registered } when tag.OwnerMemberId == command.MemberId => Verdict.Yours,
            { State: TagState.Registered } => Verdict.SomeoneElses,
            { FailedAttempts: >= Tag.MaxFailedAttempts } => Verdict.Locked,
            _ => Verdict.Available,
        };
        // Written views plus this node's queued ones (this view included): a view shows up at once.
        var scans = tag.Scans + scanLog.Unwritten(tagId);
        var product = new ScannedProduct(tag.p.Sku, tag.p.Name, tag.p.Collection, tag.p.Metal, tag.p.Stone, tag.p.PhotoUrl, verdict == Verdict.Available ? tag.Points : 0);
        // Only the worrying verdicts show how to reach the brand; the common ones skip the query.
        var contact = verdict is Verdict.Available or Verdict.Yours ? null : await ContactAsync(db, cancellationToken);
        return new ScanVerdict(verdict, codes.SerialOf(tagId), product,
            verdict is Verdict.Yours or Verdict.SomeoneElses ? tag.RegisteredAt : null, scans, contact);
    }

    private static Task<BrandContact?> ContactAsync(IClubDb db, CancellationToken cancellationToken) =>
        db.Brand.AsNoTracking().Select(b => new BrandContact(b.SupportEmail, b.SupportPhone)).FirstOrDefaultAsync(cancellationToken);
}
