using Club.Domain.Verification;

namespace Club.Application.Abstractions;

/// <summary>
/// The log of scan-page views. Views are queued in memory and written in batches (with each tag's
/// count) a moment later, so a page view costs no write of its own. A crash can lose the last
/// fraction of a second of views: this is a statistic, not money.
/// </summary>
public interface IScanLog
{
    /// <summary>Queues the view; never blocks and never fails the page.</summary>
    void Add(TagScan scan);

    /// <summary>Views of the tag queued on this node and not yet written.</summary>
    long Unwritten(long tagId);

    /// <summary>Writes everything queued so far (shutdown, tests).</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
