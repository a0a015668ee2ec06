using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Features.Partners;

/// <summary>
/// A step of the mediator pipeline for messages a partner manager may send about one record of the brand's
/// shared features (a course, a survey): when the message names a manager, the record must be their
/// partner's, read from the manager's own record, or the message stops here with a 404, before its handler
/// reads anything. Brand staff (no manager) pass. One answer for another partner's record and a made-up id.
/// </summary>
public abstract class PartnerScopeBehavior<TMessage, TResponse>(IClubDbFactory dbFactory) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    protected abstract string NotYours { get; }

    protected abstract Guid? ManagerOf(TMessage message);

    protected abstract Task<bool> IsPartnersAsync(IClubDb db, TMessage message, int partnerId, CancellationToken cancellationToken);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (ManagerOf(message) is { } manager)
        {
            await using var db = await dbFactory.CreateAsync(cancellationToken);
            var partner = await ManagedPartner.OfAsync(db, manager, cancellationToken);
            if (!await IsPartnersAsync(db, message, partner.Id, cancellationToken))
            {
                throw new NotFoundException(NotYours);
            }
        }

        return await next(message, cancellationToken);
    }
}
