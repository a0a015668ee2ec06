using Club.Domain.Activities;
using Club.Web.Localization;
using Microsoft.Extensions.Localization;
using Club.Application.Features.Surveys;

namespace Club.Web.Components.Pages.Surveys;

/// <summary>Who a survey is for, in words.</summary>
internal static class SurveyAudience
{
    public static string Describe(IStringLocalizer<SharedResource> l, SurveyRow s) => s.Target switch
    {
        SurveyTarget.PartnerPeople or SurveyTarget.PartnerBuyers => $"{l["SurveyTarget:" + s.Target]}: {s.PartnerName}",
        SurveyTarget.BuyersAfterItem => l["Buyers {0} days after registering an item", s.DaysAfterItem ?? 0],
        _ => l["SurveyTarget:" + s.Target],
    };
}
