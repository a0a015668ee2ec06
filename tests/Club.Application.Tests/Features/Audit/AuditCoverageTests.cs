using Club.Application.Features.Audit;

namespace Club.Application.Tests.Features.Audit;

/// <summary>
/// Guards the rule that every staff change is audited: each command handler takes <see cref="IAuditTrail"/>,
/// or is listed below with the reason it writes no row. A new handler fails this test until it does one or the other.
/// </summary>
public class AuditCoverageTests
{
    private const string Member = "a member's or visitor's own action, not staff's";
    private const string Job = "a scheduled job or the scheduler's own bookkeeping, run as the system";
    private const string OwnAccount = "the signed-in person's own account or preference, not master data";

    private static readonly Dictionary<string, string> NotAudited = new()
    {
        ["ConfirmSignUpHandler"] = Member,
        ["SignUpHandler"] = Member,
        ["SellerSignUpHandler"] = Member,
        ["SignInHandler"] = OwnAccount,
        ["SignInWithCodeHandler"] = OwnAccount,
        ["SignOutHandler"] = OwnAccount,
        ["ForgotPasswordHandler"] = OwnAccount,
        ["ResetPasswordHandler"] = OwnAccount,
        ["EnableAuthenticatorHandler"] = OwnAccount,
        ["AcceptInvitationHandler"] = OwnAccount + " (the invited person sets their password)",
        ["SubscribeToReportsHandler"] = OwnAccount + " (a partner manager's report mail)",
        ["ChooseNameToSellersHandler"] = OwnAccount,
        ["UpdateMyProfileHandler"] = Member,
        ["ClaimProfilePointsHandler"] = Member,
        ["ConfirmPhoneHandler"] = Member,
        ["SendPhoneCodeHandler"] = Member,
        ["AcceptLegalDocumentsHandler"] = Member,
        ["ChangeMyConsentHandler"] = Member,
        ["OpenMyInvitationsHandler"] = Member,
        ["PlaceGiftOrderHandler"] = Member,
        ["DonatePointsHandler"] = Member,
        ["OpenCollectorBenefitsHandler"] = Member,
        ["EnterContestHandler"] = Member,
        ["ClaimSocialSubscriptionHandler"] = Member,
        ["SubmitSurveyResponseHandler"] = Member,
        ["MarkLessonReadHandler"] = Member,
        ["StartTestAttemptHandler"] = Member,
        ["SubmitTestAttemptHandler"] = Member,
        ["RegisterItemHandler"] = Member,
        ["AcceptTransferHandler"] = Member,
        ["CreateTransferCodeHandler"] = Member,
        ["CancelTransferCodeHandler"] = Member,
        ["ReportItemLostHandler"] = Member,
        ["ClearItemLossHandler"] = Member,
        ["RecordSaleHandler"] = Member + " (a seller records a sale)",
        ["ReadTagPhotoHandler"] = Member + " (a seller's photo of a label; reads, changes nothing)",
        ["GetMySellerCardHandler"] = Member,
        ["AnswerSaleClaimHandler"] = Member,
        ["NameSellerHandler"] = Member,
        ["RequestShopChangeHandler"] = Member + " (the staff decision on it is audited)",
        ["ScanTagHandler"] = Member,
        ["ReportTagProblemHandler"] = Member,
        ["RecordTillSaleHandler"] = "a shop's till through the partner API, on the seller's behalf; logged by API key",
        ["RenderLabelsHandler"] = "writes label files only; the batch it renders is audited when created and moved",
        ["DeliverMailHandler"] = Job,
        ["MailNewsHandler"] = Job,
        ["DeliverWebhooksHandler"] = Job,
        ["ForgetOldIdempotencyKeysHandler"] = Job,
        ["ForgetOldScanVisitorsHandler"] = Job,
        ["ExpirePointsHandler"] = Job,
        ["PayBirthdayRewardsHandler"] = Job,
        ["PaySurveyRewardsHandler"] = Job,
        ["GrantCollectorStatusesHandler"] = Job,
        ["EvaluateTiersHandler"] = Job,
        ["SendDueReportsHandler"] = Job,
        ["ExpireUnconfirmedSalesHandler"] = Job,
        ["CreateScanLogPartitionsHandler"] = Job,
        ["DropOldScanLogPartitionsHandler"] = Job,
        ["EvaluateScanAlertsHandler"] = Job,
        ["SendScanAlertDigestHandler"] = Job,
        ["CloseRunsOfStoppedNodesHandler"] = Job,
        ["StartJobRunHandler"] = Job,
        ["FinishJobRunHandler"] = Job,
    };

    private static readonly Type[] Handlers = typeof(IAuditTrail).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.IsGenericType
            && (i.GetGenericTypeDefinition() == typeof(global::Mediator.ICommandHandler<,>) || i.GetGenericTypeDefinition() == typeof(global::Mediator.ICommandHandler<>))))
        .ToArray();

    [Fact]
    public void Every_command_handler_writes_through_the_audit_trail_or_says_why_not()
    {
        Handlers.Should().NotBeEmpty();
        var silent = Handlers.Where(h => !TakesAuditTrail(h) && !NotAudited.ContainsKey(h.Name)).Select(h => h.FullName);
        silent.Should().BeEmpty("a staff change is audited (IAuditTrail); a handler that is not staff's goes on the list with its reason");
    }

    [Fact]
    public void The_list_of_unaudited_handlers_names_only_existing_handlers_that_really_write_no_row()
    {
        NotAudited.Keys.Except(Handlers.Select(h => h.Name)).Should().BeEmpty("a removed or renamed handler leaves the list");
        Handlers.Where(h => NotAudited.ContainsKey(h.Name) && TakesAuditTrail(h)).Should().BeEmpty("an audited handler leaves the list");
    }

    private static bool TakesAuditTrail(Type handler) =>
        handler.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(IAuditTrail)));
}
