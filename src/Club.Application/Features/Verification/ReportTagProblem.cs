using Club.Application.Abstractions;
using Club.Domain.Tags;
using Club.Domain.Verification;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>Where and when the item was bought, as the visitor remembers it; every part optional.</summary>
public sealed record Purchase(string? Where, DateOnly? On, string? Shop, decimal? Price);

/// <summary>
/// A visitor tells the brand something is wrong: a genuine tag registered by someone else, or an item
/// whose serial is no tag of ours (a suspected counterfeit), with where it was bought and a photo.
/// <paramref name="Photo"/> is the upload as sent (empty: none); it is stored re-encoded.
/// </summary>
public sealed record ReportTagProblemCommand(
    string? Serial, Guid? MemberId, string? Message, string? Contact, Purchase? Purchase = null, byte[]? Photo = null, string? ClientAddress = null)
    : ICommand<Result>;

public sealed class ReportTagProblemHandler(IClubDbFactory dbFactory, ITagCodes codes, IImageProcessor images, IRateLimiter limiter, TimeProvider clock)
    : ICommandHandler<ReportTagProblemCommand, Result>
{
    /// <summary>Reports per network a day: enough for a family, too few to fill the desk (or the disk with photos).</summary>
    public static readonly RateLimitRule PerNetwork = new("tag-report-network", 10, TimeSpan.FromDays(1));

    public async ValueTask<Result> Handle(ReportTagProblemCommand command, CancellationToken cancellationToken)
    {
        var text = command.Message?.Trim() ?? "";
        var contact = Optional(command.Contact);
        var purchase = command.Purchase ?? new Purchase(null, null, null, null);
        var where = Optional(purchase.Where);
        var shop = Optional(purchase.Shop);
        var now = clock.GetUtcNow();
        if (text.Length == 0)
        {
            return Result.Fail("Describe the problem, please.", nameof(command.Message));
        }

        if (text.Length > TagReport.MaxMessageLength)
        {
            return Result.Fail("The message is too long (at most 1000 characters).", nameof(command.Message));
        }

        if (contact is { Length: > TagReport.MaxContactLength })
        {
            return Result.Fail("The contact is too long.", nameof(command.Contact));
        }

        if (where is { Length: > TagReport.MaxPlaceLength } || shop is { Length: > TagReport.MaxPlaceLength })
        {
            return Result.Fail(new UserMessage("Where you bought it: at most {0} characters.", [TagReport.MaxPlaceLength]), "Where");
        }

        if (purchase.On is { } on && (on > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1) || on.Year < 1950))
        {
            return Result.Fail("The purchase date cannot be in the future.", "On");
        }

        if (purchase.Price is { } price && (price < 0 || price > TagReport.MaxPrice))
        {
            return Result.Fail("Enter the price you paid in roubles.", "Price");
        }

        var photo = command.Photo ?? [];
        if (photo.Length > TagReport.MaxPhotoBytes)
        {
            return Result.Fail(new UserMessage("The photo is larger than {0} MB.", [TagReport.MaxPhotoBytes / (1024 * 1024)]), "Photo");
        }

        ProcessedImage? image = null;
        if (photo.Length > 0)
        {
            var processed = images.Process(photo, ImageSize.ProductPhoto);
            if (processed.Image is null)
            {
                return Result.Fail(processed.Error!, "Photo");
            }

            image = processed.Image;
        }

        // A serial that names one of our tags files a problem with that tag; anything else a counterfeit report.
        long? tagId = codes.TryDecodeSerial(command.Serial, out var decoded) is SerialCheck.Valid ? decoded : null;
        var unknown = UnknownSerial.Normalise(command.Serial);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (tagId is not null && !await db.Tags.AnyAsync(t => t.Id == tagId, cancellationToken))
        {
            tagId = null;
        }

        if (tagId is null && unknown is null)
        {
            return Result.Fail("This is not a genuine serial.");
        }

        var limit = await limiter.HitAsync([new RateLimitHit(PerNetwork, ScratchGuessLimits.NetworkOf(command.ClientAddress))], cancellationToken);
        if (!limit.Allowed)
        {
            return Result.Fail("You have sent many reports today. Please write to the brand's email instead.");
        }

        var report = new TagReport
        {
            TagId = tagId,
            UnknownSerial = tagId is null ? unknown : null,
            MemberId = command.MemberId,
            Message = text,
            Contact = contact,
            CreatedAt = now,
            BoughtWhere = where,
            BoughtOn = purchase.On,
            Shop = shop,
            PricePaid = purchase.Price,
            Status = TagReportStatus.New,
        };
        // The report and its photo commit together: a report never points at a photo that is not there.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.TagReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        if (image is not null)
        {
            db.TagReportPhotos.Add(new TagReportPhoto { ReportId = report.Id, ContentType = image.ContentType, Content = image.Content });
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        return Result.Ok;
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
