using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.News;
using Club.Domain.Products;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.News;

/// <summary>
/// A program manager publishes news or an offer for an audience, optionally with a picture (re-encoded
/// like product photos). It shows in the audience's cabinet at once; the NewsMail job mails it.
/// </summary>
public sealed record PublishNewsCommand(
    string PublishedBy, string? TitleRu, string? TitleEn, string? BodyRu, string? BodyEn, NewsAudience Audience, string? PartnerName, byte[]? Picture,
    int? TierLevel = null)
    : ICommand<Result>;

public sealed class PublishNewsValidator : CommandValidator<PublishNewsCommand>
{
    public PublishNewsValidator()
    {
        RuleFor(c => c).Must(c => !string.IsNullOrWhiteSpace(c.TitleRu) && !string.IsNullOrWhiteSpace(c.TitleEn)
                && !string.IsNullOrWhiteSpace(c.BodyRu) && !string.IsNullOrWhiteSpace(c.BodyEn))
            .WithKey("Enter the title and text in Russian and English.");
        RuleFor(c => c).Must(c => (c.TitleRu ?? "").Trim().Length <= NewsItem.MaxTitleLength && (c.TitleEn ?? "").Trim().Length <= NewsItem.MaxTitleLength)
            .WithKey("A title may be at most {0} characters long.", NewsItem.MaxTitleLength);
        RuleFor(c => c).Must(c => (c.BodyRu ?? "").Trim().Length <= NewsItem.MaxBodyLength && (c.BodyEn ?? "").Trim().Length <= NewsItem.MaxBodyLength)
            .WithKey("A text may be at most {0} characters long.", NewsItem.MaxBodyLength);
        RuleFor(c => c.Audience).IsInEnum().WithKey("Choose who the news is for.");
        RuleFor(c => c.PartnerName).Must(p => !string.IsNullOrWhiteSpace(p)).When(c => c.Audience == NewsAudience.PartnerBuyers)
            .WithKey("Choose the partner whose buyers the news is for.");
    }
}

public sealed class PublishNewsHandler(IClubDbFactory dbFactory, IImageProcessor images, IAuditTrail audit, TimeProvider clock) : ICommandHandler<PublishNewsCommand, Result>
{
    public async ValueTask<Result> Handle(PublishNewsCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        int? partnerId = null;
        if (command.Audience == NewsAudience.PartnerBuyers)
        {
            partnerId = await db.Partners.Where(p => p.Name == command.PartnerName!.Trim()).Select(p => (int?)p.Id).SingleOrDefaultAsync(cancellationToken);
            if (partnerId is null)
            {
                return Result.Fail("Choose the partner whose buyers the news is for.");
            }
        }

        // A tier's audience names a tier of the ladder as it is now: its level and those above.
        int? tierLevel = null;
        if (command.Audience == NewsAudience.Tier)
        {
            tierLevel = await db.Tiers.Where(t => t.Level == command.TierLevel).Select(t => (int?)t.Level).SingleOrDefaultAsync(cancellationToken);
            if (tierLevel is null)
            {
                return Result.Fail("Choose the tier the news is for.");
            }
        }

        ProcessedImage? picture = null;
        if (command.Picture is { Length: > 0 } upload)
        {
            if (upload.Length > ProductPhoto.MaxUploadBytes)
            {
                return Result.Fail(new UserMessage("The photo is larger than {0} MB.", [ProductPhoto.MaxUploadBytes / (1024 * 1024)]), "picture");
            }

            var processed = images.Process(upload, ImageSize.ProductPhoto);
            if (processed.Image is null)
            {
                return Result.Fail(processed.Error!, "picture");
            }

            picture = processed.Image;
        }

        var item = new NewsItem
        {
            TitleRu = command.TitleRu!.Trim(),
            TitleEn = command.TitleEn!.Trim(),
            BodyRu = command.BodyRu!.Trim(),
            BodyEn = command.BodyEn!.Trim(),
            Audience = command.Audience,
            PartnerId = partnerId,
            TierLevel = tierLevel,
            PictureType = picture?.ContentType,
            Picture = picture?.Content,
            PublishedAt = clock.GetUtcNow(),
            PublishedBy = command.PublishedBy.Length <= 200 ? command.PublishedBy : command.PublishedBy[..200],
        };
        db.NewsItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditChange("news.publish", "news", item.Id.ToString(CultureInfo.InvariantCulture), null,
            new { item.TitleRu, item.TitleEn, item.Audience, item.PartnerId, item.TierLevel, Picture = picture is not null }), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
