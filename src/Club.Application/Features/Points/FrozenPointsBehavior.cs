using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Application.Validation;
using Mediator;

namespace Club.Application.Features.Points;

/// <summary>
/// A step of the mediator pipeline: a command whose posting met a deactivated member's frozen points
/// (<see cref="PointsFrozenException"/>) answers with its own failure result and the reason, like a
/// rule it broke, instead of an error page. The handler's transaction was not committed, so nothing changed.
/// </summary>
public sealed class FrozenPointsBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
    where TResponse : IFailable<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (PointsFrozenException)
        {
            return TResponse.Invalid([new FieldFailure(null, new UserMessage(PointsFrozenException.MessageKey))]);
        }
    }
}
