using Club.Application.Abstractions;
using Club.Application.Observability;
using Club.Domain.Activities;
using Club.Domain.Verification;
using Mediator;

namespace Club.Application.Features.Verification;

/// <summary>
/// What the public scan page says about a serial. Logs the scan unless Log is false (the page's own
/// form posts are not new scans). The visitor's address and browser are logged only as an anonymised
/// hash (under a daily salt).
/// </summary>
public sealed record ScanTagCommand(string? Serial, Guid? MemberId, ScanVisitor? Visitor = null, bool Log = true) : ICommand<ScanVerdict>;

/// <summary>Who opened the page, as the request tells it; never stored as such.</summary>
public sealed record ScanVisitor(string? Address, string? UserAgent);

/// <summary>
/// The verdict and what may be shown with it: the product, the registration date, how often the tag
/// was checked. Never who registered it. GuessingPausedUntil is set while an available tag pauses after
/// many wrong codes, so the owner can be told what to do. ReportedLost: the owner reported the item
/// lost or stolen (the page warns whoever scans it).
/// </summary>
public sealed record ScanVerdict(
    Verdict Verdict, string? Serial, ScannedProduct? Product, DateTimeOffset? RegisteredAt, long Scans, BrandContact? Contact,
    DateTimeOffset? GuessingPausedUntil = null, bool ReportedLost = false)
{
    /// <summary>
    /// What the page shows of an existing tag read at <paramref name="now"/>: the scan's read, or what a
    /// registration read and wrote (so the page after a registration post needs no read of its own).
    /// </summary>
    internal static ScanVerdict Of(string serial, ScannedTagRow tag, long scans, BrandContact? contact, DateTimeOffset now)
    {
        var verdict = tag.Verdict;
        var bonus = verdict == Verdict.Available && tag.Promotion is { } promo ? Math.Max(0, Promotion.BonusFor(tag.Points, promo.ExtraPoints, promo.Multiplier)) : 0;
        var product = new ScannedProduct(tag.Sku, tag.Name, tag.Collection, tag.Metal, tag.Stone, tag.PhotoUrl,
            verdict == Verdict.Available ? tag.Points + bonus : 0, bonus, verdict == Verdict.Available ? tag.FirstItemBonus : 0, tag.NameEn);
        // Only the worrying verdicts (and a paused tag, whose owner may need help) show how to reach the brand.
        var paused = verdict == Verdict.Available && tag.GuessingPausedUntil > now ? tag.GuessingPausedUntil : null;
        return new ScanVerdict(verdict, serial, product,
            verdict is Verdict.Yours or Verdict.SomeoneElses ? tag.RegisteredAt : null, scans,
            (verdict == Verdict.Available && paused is null) || verdict == Verdict.Yours ? null : contact, paused,
            // Only that it is reported, never by whom: the page tells others to contact the club.
            tag.ReportedLost && verdict is Verdict.Yours or Verdict.SomeoneElses);
    }
}

/// <summary>How a worried buyer reaches the brand.</summary>
public sealed record BrandContact(string Email, string? Phone);

/// <summary>
/// Points: what registering the item earns now, a running promotion's bonus (PromotionBonus) included;
/// FirstItemBonus: what is paid on top for a first item: to a signed-in member who owns none yet, and to a
/// visitor who has not joined (a newcomer's first item); 0 for anyone else.
/// </summary>
/// <summary>The scanned item's product; <paramref name="NameEn"/> is its English name, when the catalogue has one.</summary>
public sealed record ScannedProduct(string Sku, string Name, string Collection, string Metal, string? Stone, string? PhotoUrl, int Points, int PromotionBonus = 0, int FirstItemBonus = 0, string? NameEn = null)
{
    /// <summary>The name in the reader's language: English when asked for and known, else the Russian one.</summary>
    public string NameIn(bool english) => english && NameEn is { Length: > 0 } en ? en : Name;
}

public sealed class ScanTagHandler(ITagScanReader reader, ITagCodes codes, IScanLog scanLog, IScanVisitorHasher visitorHasher, TimeProvider clock) : ICommandHandler<ScanTagCommand, ScanVerdict>
{
    /// <summary>No member has this id, so it owns no item and no tag is "yours".</summary>
    private static readonly Guid Newcomer = Guid.Empty;

    public async ValueTask<ScanVerdict> Handle(ScanTagCommand command, CancellationToken cancellationToken)
    {
        var check = codes.TryDecodeSerial(command.Serial, out var decoded);
        long? tagId = check is SerialCheck.Valid ? decoded : null;
        var now = clock.GetUtcNow();
        // A visitor who is not signed in is asked about as a member who owns nothing yet: the offer is
        // what a newcomer who joins and registers gets, by tag_terms, the rule the registration pays by.
        var facts = await reader.ReadAsync(tagId, command.MemberId ?? Newcomer, now, cancellationToken);
        var tag = facts.Tag;
        var contact = facts.SupportEmail is { } email ? new BrandContact(email, facts.SupportPhone) : null;

        var verdict = tag?.Verdict ?? Verdict.NotGenuine;
        if (command.Log)
        {
            ClubMetrics.Scan(verdict);
            // The verdict is kept with the view: views of tags not released for sale are a signal for the brand.
            scanLog.Add(new TagScan
            {
                TagId = tag is null ? null : tagId, ScannedAt = now, ClientHash = visitorHasher.Hash(command.Visitor?.Address, command.Visitor?.UserAgent),
                MemberId = command.MemberId, Verdict = verdict,
                // A serial that names no tag is kept as typed (normalised), so the brand sees which fakes circulate.
                UnknownSerial = tag is null ? UnknownSerial.Normalise(command.Serial) : null,
                WellFormed = tag is null && check is SerialCheck.Valid,
            });
        }

        if (tag is null)
        {
            return new ScanVerdict(Verdict.NotGenuine, null, null, null, 0, contact);
        }

        // Written views plus this node's queued ones (this view included): a view shows up at once.
        return ScanVerdict.Of(codes.SerialOf(decoded), tag, tag.Scans + scanLog.Unwritten(decoded), contact, now);
    }
}
