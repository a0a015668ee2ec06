using Club.Application.Abstractions;
using Club.Application.Features.Partners;
using Club.Domain.Activities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Surveys;

/// <summary>
/// A message about one survey that a partner manager may send too. Brand staff (no manager id) reach every
/// survey; a partner manager only the surveys of their partner's buyers (<see cref="SurveyTarget.PartnerBuyers"/>).
/// </summary>
public interface ISurveyEdit
{
    int SurveyId { get; }

    /// <summary>Set when a partner manager asks: limits the message to their partner's buyer surveys.</summary>
    Guid? PartnerManagerId { get; }
}

public static class SurveyScope
{
    /// <summary>The one answer for another partner's survey, a brand survey and a made-up id alike.</summary>
    public const string NotYours = "This survey is not one of your partner's surveys.";

    public const string PartnerSurveyPaysNoPoints = "A survey of a partner's buyers pays no points.";

    /// <summary>The surveys a partner's managers run: those of the partner's buyers.</summary>
    public static IQueryable<Survey> OfPartner(this IQueryable<Survey> surveys, int partnerId) =>
        surveys.Where(s => s.PartnerId == partnerId && s.Target == SurveyTarget.PartnerBuyers);
}

/// <summary>In front of every survey message: a partner manager's message about a survey not their partner's stops with a 404.</summary>
public sealed class SurveyScopeBehavior<TMessage, TResponse>(IClubDbFactory dbFactory) : PartnerScopeBehavior<TMessage, TResponse>(dbFactory)
    where TMessage : notnull, IMessage, ISurveyEdit
{
    protected override string NotYours => SurveyScope.NotYours;

    protected override Guid? ManagerOf(TMessage message) => message.PartnerManagerId;

    protected override Task<bool> IsPartnersAsync(IClubDb db, TMessage message, int partnerId, CancellationToken cancellationToken) =>
        db.Surveys.OfPartner(partnerId).AnyAsync(s => s.Id == message.SurveyId, cancellationToken);
}
