using Club.Application.Abstractions;
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
using Club.Infrastructure.Identity;
using Club.Infrastructure.Tags;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Club.Infrastructure.Persistence;

public sealed class ClubDbContext(DbContextOptions<ClubDbContext> options)
    : IdentityDbContext<ClubUser, IdentityRole<Guid>, Guid>(options), IClubDb, IDataProtectionKeyContext
{
    public DbSet<BrandSettings> Brand => Set<BrandSettings>();
    public DbSet<BrandLogo> BrandLogos => Set<BrandLogo>();
    public DbSet<Partner> Partners => Set<Partner>();
    public DbSet<Shop> Shops => Set<Shop>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductPhoto> ProductPhotos => Set<ProductPhoto>();
    public DbSet<CatalogueTerm> CatalogueTerms => Set<CatalogueTerm>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<TagBatch> TagBatches => Set<TagBatch>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<ItemOwnerChange> ItemOwnerChanges => Set<ItemOwnerChange>();
    public DbSet<SellerDecision> SellerDecisions => Set<SellerDecision>();
    public DbSet<Sale> Sales => Set<Sale>();
    public DbSet<SalesPolicy> SalesPolicies => Set<SalesPolicy>();
    public DbSet<SellerCard> SellerCards => Set<SellerCard>();
    public DbSet<ShopChangeRequest> ShopChangeRequests => Set<ShopChangeRequest>();
    public DbSet<PointsEntry> PointsEntries => Set<PointsEntry>();
    public DbSet<PointsLot> PointsLots => Set<PointsLot>();
    public DbSet<PointsBalance> PointsBalances => Set<PointsBalance>();
    public DbSet<PointsAccount> PointsAccounts => Set<PointsAccount>();
    public DbSet<PointsRule> PointsRules => Set<PointsRule>();
    public DbSet<PointsAdjustment> PointsAdjustments => Set<PointsAdjustment>();
    public DbSet<PointsPolicy> PointsPolicies => Set<PointsPolicy>();
    public DbSet<ProductPoints> ProductPoints => Set<ProductPoints>();
    public DbSet<TagScan> TagScans => Set<TagScan>();
    public DbSet<TagReport> TagReports => Set<TagReport>();
    public DbSet<TagReportPhoto> TagReportPhotos => Set<TagReportPhoto>();
    public DbSet<UnknownSerial> UnknownSerials => Set<UnknownSerial>();
    public DbSet<ItemLoss> ItemLosses => Set<ItemLoss>();
    public DbSet<ItemTransferCode> ItemTransferCodes => Set<ItemTransferCode>();
    public DbSet<ScanAlert> ScanAlerts => Set<ScanAlert>();
    public DbSet<ScanAlertSettings> ScanAlertSettings => Set<ScanAlertSettings>();
    public DbSet<TagWrongCodeWindow> TagWrongCodeWindows => Set<TagWrongCodeWindow>();
    public DbSet<SaleSuspicion> SaleSuspicions => Set<SaleSuspicion>();
    public DbSet<Gift> Gifts => Set<Gift>();
    public DbSet<GiftPhoto> GiftPhotos => Set<GiftPhoto>();
    public DbSet<GiftOrder> GiftOrders => Set<GiftOrder>();
    public DbSet<GiftOrderEvent> GiftOrderEvents => Set<GiftOrderEvent>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<LessonRead> LessonReads => Set<LessonRead>();
    public DbSet<LessonFile> LessonFiles => Set<LessonFile>();
    public DbSet<CourseCompletion> CourseCompletions => Set<CourseCompletion>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<TestAttempt> TestAttempts => Set<TestAttempt>();
    public DbSet<TestAnswer> TestAnswers => Set<TestAnswer>();
    public DbSet<ReportSubscription> ReportSubscriptions => Set<ReportSubscription>();
    public DbSet<ReportDelivery> ReportDeliveries => Set<ReportDelivery>();
    public DbSet<ActivitySettings> ActivitySettings => Set<ActivitySettings>();
    public DbSet<Club.Domain.Welcome.WelcomeBonusSettings> WelcomeBonusSettings => Set<Club.Domain.Welcome.WelcomeBonusSettings>();
    public DbSet<Club.Domain.News.NewsItem> NewsItems => Set<Club.Domain.News.NewsItem>();
    public DbSet<Club.Domain.Charity.CharityCampaign> CharityCampaigns => Set<Club.Domain.Charity.CharityCampaign>();
    public DbSet<Club.Domain.Referrals.Referral> Referrals => Set<Club.Domain.Referrals.Referral>();
    public DbSet<Club.Domain.Referrals.ReferralCode> ReferralCodes => Set<Club.Domain.Referrals.ReferralCode>();
    public DbSet<Club.Domain.Referrals.ReferralSettings> ReferralSettings => Set<Club.Domain.Referrals.ReferralSettings>();
    public DbSet<SocialClaim> SocialClaims => Set<SocialClaim>();
    public DbSet<Survey> Surveys => Set<Survey>();
    public DbSet<SurveyQuestion> SurveyQuestions => Set<SurveyQuestion>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();
    public DbSet<Contest> Contests => Set<Contest>();
    public DbSet<ContestEntry> ContestEntries => Set<ContestEntry>();
    public DbSet<LeaderboardMonth> LeaderboardMonths => Set<LeaderboardMonth>();
    public DbSet<LeaderboardStanding> LeaderboardStandings => Set<LeaderboardStanding>();
    public DbSet<Promotion> Promotions => Set<Promotion>();
    public DbSet<CollectorSettings> CollectorSettings => Set<CollectorSettings>();
    public DbSet<CollectorStatus> CollectorStatuses => Set<CollectorStatus>();
    public DbSet<CollectorCoupon> CollectorCoupons => Set<CollectorCoupon>();
    public DbSet<Club.Domain.Tiers.TierSettings> TierSettings => Set<Club.Domain.Tiers.TierSettings>();
    public DbSet<Club.Domain.Tiers.Tier> Tiers => Set<Club.Domain.Tiers.Tier>();
    public DbSet<Club.Domain.Tiers.MemberTier> MemberTiers => Set<Club.Domain.Tiers.MemberTier>();
    public DbSet<Club.Domain.Tiers.MemberTierChange> MemberTierChanges => Set<Club.Domain.Tiers.MemberTierChange>();
    public DbSet<PhoneCode> PhoneCodes => Set<PhoneCode>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<OutboxMail> MailOutbox => Set<OutboxMail>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<ApiIdempotencyRecord> ApiIdempotency => Set<ApiIdempotencyRecord>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<LegalDocument> LegalDocuments => Set<LegalDocument>();
    public DbSet<MemberConsent> MemberConsents => Set<MemberConsent>();
    public DbSet<ConsentChange> ConsentChanges => Set<ConsentChange>();
    public DbSet<AccountDeletion> AccountDeletions => Set<AccountDeletion>();

    /// <summary>Set by <see cref="CurrentClubDb"/> when a handler leases this context; cleared on dispose.</summary>
    internal object? LeaseToken { get; set; }

    public override void Dispose()
    {
        LeaseToken = null;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        LeaseToken = null;
        return base.DisposeAsync();
    }

    /// <summary>Data-protection keys shared by every web node, so cookies made on one are read on all.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Sealed print files of web-created batches: every node serves them (Tags/TagPrintFiles).</summary>
    internal DbSet<TagPrintFile> TagPrintFiles => Set<TagPrintFile>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ClubDbContext).Assembly);

        // Short, plain table names instead of AspNet*: they are queried by hand in reports and support.
        builder.Entity<ClubUser>().ToTable("users");
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        builder.Entity<TagIdAllocator>(allocator =>
        {
            allocator.ToTable("tag_id_allocator", t => t.HasCheckConstraint("ck_tag_id_allocator_singleton", "id = 1"));
            allocator.Property(a => a.Id).ValueGeneratedNever();
            allocator.HasData(new TagIdAllocator { Id = 1, NextId = 1 });
        });
    }
}
