using Club.Domain.Activities;
using Club.Domain.Audit;
using Club.Domain.Brand;
using Club.Domain.Catalog;
using Club.Domain.Collector;
using Club.Domain.Mail;
using Club.Domain.Members;
using Club.Domain.PartnerApi;
using Club.Domain.Partners;
using Club.Domain.Points;
using Club.Domain.Privacy;
using Club.Domain.Sales;
using Club.Domain.Scheduling;
using Club.Domain.Products;
using Club.Domain.Tags;
using Club.Domain.Training;
using Club.Domain.Reports;
using Club.Domain.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Club.Application.Abstractions;

/// <summary>
/// The slice of the database that handlers see. Implemented by the EF Core context in Infrastructure,
/// so the application layer stays free of Npgsql, Identity and migrations.
/// </summary>
public interface IClubDb : IAsyncDisposable
{
    DbSet<BrandSettings> Brand { get; }
    DbSet<BrandLogo> BrandLogos { get; }
    DbSet<Partner> Partners { get; }
    DbSet<Shop> Shops { get; }
    DbSet<Product> Products { get; }
    DbSet<ProductPhoto> ProductPhotos { get; }
    DbSet<CatalogueTerm> CatalogueTerms { get; }
    DbSet<Member> Members { get; }
    DbSet<TagBatch> TagBatches { get; }
    DbSet<Tag> Tags { get; }

    /// <summary>The one history of items' owners (reassignments, returns, transfers).</summary>
    DbSet<ItemOwnerChange> ItemOwnerChanges { get; }
    DbSet<SellerDecision> SellerDecisions { get; }
    DbSet<Sale> Sales { get; }

    /// <summary>The one row of sales rules (window, daily cap, buyer's answer days).</summary>
    DbSet<SalesPolicy> SalesPolicies { get; }
    DbSet<SellerCard> SellerCards { get; }
    DbSet<ShopChangeRequest> ShopChangeRequests { get; }
    DbSet<PointsEntry> PointsEntries { get; }
    DbSet<PointsLot> PointsLots { get; }
    DbSet<PointsBalance> PointsBalances { get; }
    DbSet<PointsAccount> PointsAccounts { get; }
    DbSet<PointsRule> PointsRules { get; }

    /// <summary>Staff corrections of points (the posted ones are also ledger entries, keyed adjustment:{id}).</summary>
    DbSet<PointsAdjustment> PointsAdjustments { get; }

    /// <summary>The one row of expiry and birthday time rules.</summary>
    DbSet<PointsPolicy> PointsPolicies { get; }

    /// <summary>What an item of each product earns under the current rules (a view).</summary>
    DbSet<ProductPoints> ProductPoints { get; }
    DbSet<TagScan> TagScans { get; }
    DbSet<TagReport> TagReports { get; }
    DbSet<TagReportPhoto> TagReportPhotos { get; }
    DbSet<UnknownSerial> UnknownSerials { get; }
    DbSet<ItemLoss> ItemLosses { get; }
    DbSet<ItemTransferCode> ItemTransferCodes { get; }
    DbSet<ScanAlert> ScanAlerts { get; }
    DbSet<ScanAlertSettings> ScanAlertSettings { get; }
    DbSet<TagWrongCodeWindow> TagWrongCodeWindows { get; }
    DbSet<SaleSuspicion> SaleSuspicions { get; }
    DbSet<Gift> Gifts { get; }
    DbSet<GiftPhoto> GiftPhotos { get; }
    DbSet<GiftOrder> GiftOrders { get; }
    DbSet<GiftOrderEvent> GiftOrderEvents { get; }
    DbSet<Course> Courses { get; }
    DbSet<Lesson> Lessons { get; }
    DbSet<LessonRead> LessonReads { get; }
    DbSet<LessonFile> LessonFiles { get; }
    DbSet<CourseCompletion> CourseCompletions { get; }
    DbSet<Question> Questions { get; }
    DbSet<TestAttempt> TestAttempts { get; }
    DbSet<TestAnswer> TestAnswers { get; }
    DbSet<ReportSubscription> ReportSubscriptions { get; }
    DbSet<ReportDelivery> ReportDeliveries { get; }
    DbSet<ActivitySettings> ActivitySettings { get; }
    DbSet<Club.Domain.Welcome.WelcomeBonusSettings> WelcomeBonusSettings { get; }
    DbSet<Club.Domain.News.NewsItem> NewsItems { get; }
    DbSet<Club.Domain.Charity.CharityCampaign> CharityCampaigns { get; }
    DbSet<Club.Domain.Referrals.Referral> Referrals { get; }
    DbSet<Club.Domain.Referrals.ReferralCode> ReferralCodes { get; }
    DbSet<Club.Domain.Referrals.ReferralSettings> ReferralSettings { get; }
    DbSet<SocialClaim> SocialClaims { get; }
    DbSet<Survey> Surveys { get; }
    DbSet<SurveyQuestion> SurveyQuestions { get; }
    DbSet<SurveyResponse> SurveyResponses { get; }
    DbSet<SurveyAnswer> SurveyAnswers { get; }
    DbSet<Contest> Contests { get; }
    DbSet<ContestEntry> ContestEntries { get; }
    DbSet<LeaderboardMonth> LeaderboardMonths { get; }
    DbSet<LeaderboardStanding> LeaderboardStandings { get; }
    DbSet<Promotion> Promotions { get; }

    /// <summary>The hidden status: its one row of rules, who holds it per year, and its personal coupons.</summary>
    DbSet<CollectorSettings> CollectorSettings { get; }
    DbSet<CollectorStatus> CollectorStatuses { get; }
    DbSet<CollectorCoupon> CollectorCoupons { get; }

    /// <summary>The public tiers: the ladder, what it measures, each member's tier and its changes.</summary>
    DbSet<Club.Domain.Tiers.TierSettings> TierSettings { get; }
    DbSet<Club.Domain.Tiers.Tier> Tiers { get; }
    DbSet<Club.Domain.Tiers.MemberTier> MemberTiers { get; }
    DbSet<Club.Domain.Tiers.MemberTierChange> MemberTierChanges { get; }
    DbSet<PhoneCode> PhoneCodes { get; }
    DbSet<JobRun> JobRuns { get; }
    DbSet<OutboxMail> MailOutbox { get; }
    DbSet<ApiKey> ApiKeys { get; }
    DbSet<ApiIdempotencyRecord> ApiIdempotency { get; }
    DbSet<WebhookEndpoint> WebhookEndpoints { get; }
    DbSet<WebhookDelivery> WebhookDeliveries { get; }

    /// <summary>Read only: rows are written by <c>IAuditTrail</c>, and the database refuses changes.</summary>
    DbSet<AuditEntry> AuditLog { get; }

    /// <summary>Published versions of the club rules and the privacy policy.</summary>
    DbSet<LegalDocument> LegalDocuments { get; }

    /// <summary>Each member's current consents; written only by <c>ConsentRecords</c>, with <see cref="ConsentChanges"/>.</summary>
    DbSet<MemberConsent> MemberConsents { get; }
    DbSet<ConsentChange> ConsentChanges { get; }

    /// <summary>Requests to delete an account, pending or carried out (written by the Privacy use cases' SQL).</summary>
    DbSet<AccountDeletion> AccountDeletions { get; }

    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Creates a short-lived <see cref="IClubDb"/> per handler call. A Blazor circuit scope lives as long
/// as the browser tab, so a scoped context would be shared by every click; a factory avoids that.
/// </summary>
public interface IClubDbFactory
{
    Task<IClubDb> CreateAsync(CancellationToken cancellationToken = default);
}
