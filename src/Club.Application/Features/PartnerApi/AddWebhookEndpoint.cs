using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.PartnerApi;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>
/// A program manager subscribes a partner's URL to events. The signing secret is in the result once, to
/// be given to the partner; it is kept (deliveries are signed with it) but never shown or logged again.
/// </summary>
public sealed record AddWebhookEndpointCommand(int PartnerId, string? Url, WebhookEvents Events) : ICommand<AddWebhookEndpointResult>;

public sealed record AddWebhookEndpointResult(IReadOnlyList<FieldFailure> Errors, string? Secret = null) : IFailable<AddWebhookEndpointResult>
{
    public bool Added => Secret is not null;

    public static AddWebhookEndpointResult Invalid(IReadOnlyList<FieldFailure> failures) => new(failures);
}

public sealed class AddWebhookEndpointValidator : CommandValidator<AddWebhookEndpointCommand>
{
    private const WebhookEvents AllEvents = WebhookEvents.SaleConfirmed | WebhookEvents.ItemRegistered | WebhookEvents.GiftOrderReady | WebhookEvents.SellerActivated;

    public AddWebhookEndpointValidator()
    {
        RuleFor(c => c.Url).Must(IsWebAddress)
            .WithKey("Enter the full address starting with https:// (up to {0} characters, no user name or password in it).", WebhookEndpoint.MaxUrlLength);
        RuleFor(c => c.Events).Must(e => e != WebhookEvents.None && (e & ~AllEvents) == 0)
            .WithKey("Choose at least one event.");
    }

    /// <summary>
    /// The shape only; where the address leads (private and loopback networks are refused) is checked when
    /// each delivery connects, since a name can resolve elsewhere later.
    /// </summary>
    public static bool IsWebAddress(string? url) =>
        url is { Length: > 0 and <= WebhookEndpoint.MaxUrlLength }
        && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.UserInfo) && uri.Host.Length > 0;
}

public sealed class AddWebhookEndpointHandler(IClubDbFactory dbFactory, IAuditTrail audit, TimeProvider clock) : ICommandHandler<AddWebhookEndpointCommand, AddWebhookEndpointResult>
{
    public async ValueTask<AddWebhookEndpointResult> Handle(AddWebhookEndpointCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.Partners.AnyAsync(p => p.Id == command.PartnerId && p.IsActive, cancellationToken))
        {
            return AddWebhookEndpointResult.Invalid([new FieldFailure(nameof(command.PartnerId), "Choose an active partner.")]);
        }

        var endpoint = new WebhookEndpoint
        {
            PartnerId = command.PartnerId, Url = command.Url!.Trim(), Events = command.Events, Secret = ApiKeySecrets.NewWebhookSecret(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.WebhookEndpoints.Add(endpoint);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // Never the secret in the log.
        await audit.RecordAsync(new AuditChange("webhook.add", "webhook", endpoint.Id.ToString(CultureInfo.InvariantCulture), null,
            new { endpoint.PartnerId, endpoint.Url, Events = endpoint.Events.ToString() }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AddWebhookEndpointResult([], endpoint.Secret);
    }
}
