using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Tags;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Tags;

/// <summary>
/// Factory staff turn a production run into tags. <paramref name="Partner"/> is the destination
/// partner's name if already known; <paramref name="OutputFolder"/> receives the secret print file.
/// </summary>
public sealed record CreateTagBatchCommand(
    string Sku,
    int Quantity,
    string? Partner,
    string TemplateName,
    string CreatedBy,
    string OutputFolder,
    string PublicBaseUrl) : ICommand<CreateTagBatchResult>
{
    /// <summary>Tags written so far; for progress bars. Not part of the request's identity.</summary>
    public IProgress<long>? Progress { get; init; }
}

public sealed record CreateTagBatchResult(GeneratedTagBatch? Batch, UserMessage? Error) : IFailable<CreateTagBatchResult>
{
    public bool Succeeded => Batch is not null;

    public static CreateTagBatchResult Invalid(IReadOnlyList<FieldFailure> failures) => new(null, failures[0].Message);
}

public sealed class CreateTagBatchValidator : CommandValidator<CreateTagBatchCommand>
{
    public CreateTagBatchValidator()
    {
        RuleFor(c => c.Quantity).InclusiveBetween(1, TagBatch.MaxQuantity)
            .WithKey("The quantity must be between {0} and {1:N0}.", 1, TagBatch.MaxQuantity);
        RuleFor(c => c.PublicBaseUrl).Must(url => Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Scheme is "https" or "http")
            .WithKey("The public address of the club must be an http(s) URL, e.g. https://club.example.");
    }
}

public sealed class CreateTagBatchHandler(IClubDbFactory dbFactory, ITagBatchGenerator generator, IAuditTrail audit)
    : ICommandHandler<CreateTagBatchCommand, CreateTagBatchResult>
{
    public async ValueTask<CreateTagBatchResult> Handle(CreateTagBatchCommand command, CancellationToken cancellationToken)
    {
        var baseUrl = new Uri(command.PublicBaseUrl, UriKind.Absolute);

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var sku = command.Sku.Trim();
        var product = await db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Sku == sku, cancellationToken);
        if (product is null || !product.IsActive)
        {
            return Fail(new UserMessage("There is no active product with SKU '{0}'.", [Shorten(sku)]));
        }

        int? partnerId = null;
        if (!string.IsNullOrWhiteSpace(command.Partner))
        {
            var name = command.Partner.Trim();
            var partner = await db.Partners.Where(p => p.Name == name).Select(p => new { p.Id, p.IsActive }).SingleOrDefaultAsync(cancellationToken);
            if (partner is null)
            {
                return Fail(new UserMessage("There is no partner named '{0}'.", [Shorten(name)]));
            }

            if (!partner.IsActive)
            {
                return Fail("This partner is inactive: batches are no longer sent to it.");
            }

            partnerId = partner.Id;
        }

        var generated = await generator.GenerateAsync(
            new NewTagBatch(product.Id, product.Name, command.Quantity, partnerId, command.TemplateName.Trim(),
                command.CreatedBy, command.OutputFolder, baseUrl.GetLeftPart(UriPartial.Authority)),
            command.Progress,
            cancellationToken);

        // The generator commits the tags on a connection of its own, so the log row follows just after.
        await audit.RecordAsync(
            new AuditChange("batch.create", "tag-batch", generated.BatchId.ToString(CultureInfo.InvariantCulture), null,
                new { generated.Number, Sku = sku, generated.Quantity, PartnerId = partnerId, Template = command.TemplateName.Trim() }),
            CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        return new CreateTagBatchResult(generated, null);
    }

    private static CreateTagBatchResult Fail(UserMessage error) => new(null, error);

    /// <summary>Echo user input back only in a bounded length.</summary>
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
