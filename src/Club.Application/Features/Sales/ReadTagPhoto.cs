using Club.Application.Abstractions;
using Club.Application.Features.Tags;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// The seller's photo of a tag, read on the server when the phone's own decoder could not read it (or the
/// page runs without scripts): resized first, then decoded with ZXing.Net and its helpers. Only for active
/// sellers, and at most <see cref="PerSeller"/> photos per seller: each one costs the server real CPU time.
/// The photo is read in memory and not kept.
/// </summary>
public sealed record ReadTagPhotoCommand(Guid SellerId, byte[] Photo) : ICommand<ReadTagPhotoResult>
{
    /// <summary>As every upload of the site (RequestBodyLimit): a 12 MP phone photo is 3 to 6 MB.</summary>
    public const int MaxPhotoBytes = 10 * 1024 * 1024;

    public static readonly RateLimitRule PerSeller = new("seller-photo-decode", 30, TimeSpan.FromHours(1));
}

/// <summary>The tag's serial, or what to tell the seller.</summary>
public sealed record ReadTagPhotoResult(string? Serial, UserMessage? Error);

public sealed class ReadTagPhotoHandler(IClubDbFactory dbFactory, IQrReader reader, IRateLimiter limiter)
    : ICommandHandler<ReadTagPhotoCommand, ReadTagPhotoResult>
{
    public async ValueTask<ReadTagPhotoResult> Handle(ReadTagPhotoCommand command, CancellationToken cancellationToken)
    {
        if (command.Photo.Length == 0)
        {
            return new(null, "Choose a photo of the tag.");
        }

        if (command.Photo.Length > ReadTagPhotoCommand.MaxPhotoBytes)
        {
            return new(null, new UserMessage("The photo is larger than {0} MB.", [ReadTagPhotoCommand.MaxPhotoBytes / (1024 * 1024)]));
        }

        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            var status = await db.Members.Where(m => m.Id == command.SellerId).Select(m => m.SellerStatus).SingleOrDefaultAsync(cancellationToken);
            if (status != SellerStatus.Active)
            {
                return new(null, "Your seller account is not active: sales can be recorded once the program manager has activated it.");
            }
        }

        var limit = await limiter.HitAsync([new RateLimitHit(ReadTagPhotoCommand.PerSeller, command.SellerId.ToString("N"))], cancellationToken);
        if (!limit.Allowed)
        {
            return new(null, "You have sent many photos in a short time. Type the serial printed under the QR code, or try again in an hour.");
        }

        // Decoding is CPU work: off the request's thread.
        var read = await Task.Run(() => reader.ReadPhoto(command.Photo), cancellationToken);
        if (read.Error is not null)
        {
            return new(null, read.Error);
        }

        if (read.Text is null)
        {
            return new(null, "No QR code found in this photo; try again closer, or type the serial.");
        }

        return TagScanUrl.SerialIn(read.Text) is { } serial ? new(serial, null) : new(null, "This QR code is not one of our tags.");
    }
}
