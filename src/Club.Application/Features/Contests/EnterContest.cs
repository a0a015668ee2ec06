using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Activities;
using Club.Domain.Members;
using Club.Domain.Points;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Contests;

/// <summary>
/// A member enters a running contest and earns its participation points once. A text contest takes
/// <paramref name="Text"/>, a photo contest <paramref name="Photo"/> (re-encoded like product photos, so
/// EXIF and GPS are dropped); a sales contest takes only the partner's active sellers, whose score is
/// computed from their confirmed sales. A partner's contest takes only that partner's sellers.
/// The entrant is mailed once.
/// </summary>
public sealed record EnterContestCommand(Guid MemberId, int ContestId, string? Text = null, byte[]? Photo = null) : ICommand<Result>;

public sealed class EnterContestHandler(IClubDbFactory dbFactory, IImageProcessor images, IMailOutbox mail, TimeProvider clock)
    : ICommandHandler<EnterContestCommand, Result>
{
    public async ValueTask<Result> Handle(EnterContestCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var contest = await db.Contests.AsNoTracking().Where(c => c.Id == command.ContestId)
            .Select(c => new { c.Title, c.EntryPoints, c.EntryKind, c.PartnerId, Running = c.StartsAt <= now && c.EndsAt > now })
            .SingleOrDefaultAsync(cancellationToken);
        var member = await db.Members.AsNoTracking().Where(m => m.Id == command.MemberId)
            .Select(m => new { m.PartnerId, m.SellerStatus }).SingleOrDefaultAsync(cancellationToken);
        // A partner's contest is invisible to everyone else: it answers like one that is not running.
        if (contest is not { Running: true } || member is null || (contest.PartnerId is { } partner && member.PartnerId != partner))
        {
            return Result.Fail("This contest is not running.");
        }

        if ((contest.EntryKind == ContestEntryKind.Sales || contest.PartnerId is not null) && member.SellerStatus != SellerStatus.Active)
        {
            return Result.Fail("This contest is for active sellers.");
        }

        var text = string.IsNullOrWhiteSpace(command.Text) ? null : command.Text.Trim();
        if (contest.EntryKind == ContestEntryKind.Text && text is null)
        {
            return Result.Fail("Write your entry.", "text");
        }

        if (text is { Length: > ContestEntry.MaxTextLength })
        {
            return Result.Fail(new UserMessage("The entry is too long ({0} characters at most).", [ContestEntry.MaxTextLength]), "text");
        }

        ProcessedImage? photo = null;
        if (contest.EntryKind == ContestEntryKind.Photo)
        {
            if (command.Photo is not { Length: > 0 } upload)
            {
                return Result.Fail("Choose a photo file.", "photo");
            }

            if (upload.Length > ContestEntry.MaxPhotoBytes)
            {
                return Result.Fail(new UserMessage("The photo is larger than {0} MB.", [ContestEntry.MaxPhotoBytes / (1024 * 1024)]), "photo");
            }

            var processed = images.Process(upload, ImageSize.ProductPhoto);
            if (processed.Image is null)
            {
                return Result.Fail(processed.Error!, "photo");
            }

            photo = processed.Image;
        }

        // The entry row is the gate: parallel clicks insert one entry, and only that one carries points.
        var gate = new LedgerGuard(
            """
            INSERT INTO contest_entries (contest_id, member_id, entered_at, text, photo_content_type, photo) VALUES ({0}, {1}, {2}, {3}, {4}, {5})
            ON CONFLICT (contest_id, member_id) DO NOTHING
            RETURNING id
            """,
            [command.ContestId, command.MemberId, now, (object?)(contest.EntryKind == ContestEntryKind.Text ? text : null) ?? DBNull.Value,
             (object?)photo?.ContentType ?? DBNull.Value, (object?)photo?.Content ?? DBNull.Value]);
        var postings = contest.EntryPoints > 0
            ? new[] { new PointsPosting(command.MemberId, contest.EntryPoints, PointsReason.ContestEntered, ContestReference, ContestId(command.ContestId), $"contest:{command.ContestId}:{command.MemberId}:entry") }
            : [];
        if (!await GuardedCredit.PostAsync(db, gate, postings, now, cancellationToken))
        {
            return Result.Fail("You have already entered this contest.");
        }

        await mail.EnqueueAsync($"contest-entry:{command.ContestId}:{command.MemberId}", new MemberMail(command.MemberId, "ContestEntered",
            new Dictionary<string, string>
            {
                ["Contest"] = contest.Title,
                ["ContestId"] = ContestId(command.ContestId),
            }), cancellationToken);
        return Result.Ok;
    }

    internal const string ContestReference = "contest";

    internal static string ContestId(int id) => id.ToString(CultureInfo.InvariantCulture);
}
