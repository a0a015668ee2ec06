using System.Diagnostics;
using Club.Application.Abstractions;
using Mediator;

namespace Club.Application.Observability;

/// <summary>
/// The pipeline's outermost step: a trace span and a duration per use case, by request type and outcome
/// (ok, failed: a value the page shows, error: an exception). Cheap when nobody listens: StartActivity
/// returns null and the histogram records nothing.
/// </summary>
public sealed class TelemetryBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string RequestType = typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        using var activity = ClubMetrics.Activities.StartActivity(RequestType);
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var response = await next(message, cancellationToken);
            outcome = response is Result { Succeeded: false } ? "failed" : "ok";
            return response;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            activity?.SetTag("club.outcome", outcome);
            ClubMetrics.Request(RequestType, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
