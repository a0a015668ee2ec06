using System.Security.Claims;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.PartnerApi;
using Club.Application.Features.Points;
using Club.Application.Features.Privacy;
using Club.Application.Features.Sales;
using Club.Application.Features.Verification;
using Club.Infrastructure.Audit;
using Club.Infrastructure.Identity;
using Club.Infrastructure.Labels;
using Club.Infrastructure.Labels.Reading;
using Club.Infrastructure.Mail;
using Club.Infrastructure.Media;
using Club.Infrastructure.Sms;
using Club.Infrastructure.Persistence;
using Club.Infrastructure.Postgres;
using Club.Infrastructure.RateLimiting;
using Club.Infrastructure.Scheduling;
using Club.Infrastructure.Security;
using Club.Infrastructure.Tags;
using Club.Infrastructure.Verification;
using Club.Application.Features.Tags;
using Club.Domain.Members;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Club.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Database (configured or embedded), identity stores, data-protection keys, mail and health checks.</summary>
    public static IServiceCollection AddClubInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ClubPaths>();
        services.AddSingleton<IPublicAddress, PublicAddress>();
        services.AddSingleton<IDatabaseErrors, Postgres.DatabaseErrors>();
        services.AddSingleton<IQrImages, Labels.QrImages>();
        services.AddSingleton<ClubDatabase>();

        // Pooled: every handler takes a context per call, and a new context builds its internal
        // service scope each time (a tenth of the scan page's CPU before pooling, measured with perf).
        services.AddPooledDbContextFactory<ClubDbContext>((provider, options) =>
            ConfigureNpgsql(options, provider.GetRequiredService<ClubDatabase>().ConnectionString));
        // Identity's stores and the data-protection key store take a scoped context; leased from the same
        // pool and handed back when the scope ends.
        services.TryAddScoped(provider => provider.GetRequiredService<IDbContextFactory<ClubDbContext>>().CreateDbContext());
        services.AddSingleton<IClubDbFactory, ClubDbFactory>();
        // Jobs and tools act as "system" (or "cli"); the web host replaces the context with the signed-in user.
        services.TryAddSingleton<BackgroundActor>();
        services.TryAddSingleton<IRequestContext, BackgroundRequestContext>();
        services.AddSingleton<IAuditTrail, AuditTrail>();

        services.AddIdentityCore<ClubUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length and the common-password list instead of composition rules (docs/security.md, "Passwords").
                options.Password.RequiredLength = PasswordRules.MinLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // Counted only on second-factor codes, which need the password first: a stranger cannot
                // lock anyone out. Wrong passwords are slowed down by the sign-in throttle instead.
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddPasswordValidator<ClubPasswordValidator>()
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<ClubDbContext>()
            .AddUserStore<ClubUserStore>()
            .AddSignInManager<ClubSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<InvitationTokenProvider>(InvitationTokenProvider.ProviderName);

        services.AddScoped<MemberAccounts>();
        services.AddScoped<PendingSignUps>();
        services.AddSingleton<SignUpMails>();
        services.AddHostedService(provider => provider.GetRequiredService<SignUpMails>());
        services.AddScoped<IAccounts, IdentityAccounts>();
        services.AddSingleton<MissingAccountHash>();
        services.AddScoped<IStaffAccounts, IdentityStaffAccounts>();
        services.AddScoped<IPasswordCheck, IdentityPasswordCheck>();
        // A cookie whose member signed out, changed the password or lost a role stops working within a minute.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            // The refreshed cookie would forget how the member signed in; staff pages need "amr" = "mfa".
            options.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
                {
                    identity.AddClaims(current.FindAll(SignInMethods.ClaimType).Select(claim => new Claim(claim.Type, claim.Value)));
                }

                return Task.CompletedTask;
            };
        });

        // Tag keys: from configuration, else the key file; created on first start only for an embedded
        // (development/demo) database or when Club:Keys:CreateIfMissing says so.
        services.AddSingleton(provider => ClubKeys.Load(
            configuration.GetSection(ClubKeyOptions.Section).Get<ClubKeyOptions>() ?? new ClubKeyOptions(),
            provider.GetRequiredService<ClubPaths>().Keys,
            createIfMissing: provider.GetRequiredService<ClubDatabase>().IsEmbedded));
        services.AddSingleton(configuration.GetSection("Club:Sales").Get<SalesRules>() ?? new SalesRules());
        services.AddSingleton(configuration.GetSection("Club:ScanLog").Get<ScanLogRules>() ?? new ScanLogRules());
        services.AddSingleton(configuration.GetSection(PrivacySettings.Section).Get<PrivacySettings>() ?? new PrivacySettings());
        services.AddSingleton(configuration.GetSection(PartnerApiSettings.Section).Get<PartnerApiSettings>() ?? new PartnerApiSettings());
        var points = configuration.GetSection(PointsSettings.Section).Get<PointsSettings>() ?? new PointsSettings();
        points.TimeZone = ClubJobs.TimeZoneId(configuration);
        services.AddSingleton(points);
        services.AddSingleton<TagCodes>();
        services.AddSingleton<ITagCodes>(provider => provider.GetRequiredService<TagCodes>());
        services.AddSingleton<ITagBatchGenerator, TagBatchGenerator>();
        services.AddSingleton<PrintFileSeal>();
        services.AddSingleton<ITagPrintFiles, TagPrintFiles>();
        services.AddSingleton<ILabelRenderer, LabelRenderer>();
        services.AddSingleton<IReplacementLabels, ReplacementLabels>();
        services.AddSingleton<IScanVisitorHasher, ScanVisitorHasher>();
        services.AddSingleton<BatchedScanLog>();
        services.AddSingleton<IScanLog>(provider => provider.GetRequiredService<BatchedScanLog>());
        services.AddHostedService(provider => provider.GetRequiredService<BatchedScanLog>());
        services.AddSingleton<ITagScanReader, TagScanReader>();
        services.AddSingleton<Club.Application.Features.PartnerApi.IWebhookSender, Webhooks.WebhookSender>();
        services.AddSingleton<IImageProcessor, SkiaImageProcessor>();
        // PDF proofs are rasterised by poppler's pdftoppm when it is installed (docs/operations.md).
        services.AddSingleton(new PdfRasteriser(configuration["Club:Labels:Pdftoppm"] is { Length: > 0 } pdftoppm ? pdftoppm : "pdftoppm"));
        services.AddSingleton<IQrReader, ServerQrReader>();

        // Keys in PostgreSQL: every web node behind the balancer reads the cookies the others wrote.
        services.AddDataProtection()
            .SetApplicationName("Club")
            .PersistKeysToDbContext<ClubDbContext>();
        // Sealed before they are stored: a database dump alone cannot forge a session (Security/DataProtectionKeySeal.cs).
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, provider) => options.XmlEncryptor = new DataProtectionKeySeal(provider));

        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection(MailOptions.Section))
            .PostConfigure<ClubPaths>((mail, paths) =>
            {
                if (string.IsNullOrWhiteSpace(mail.PickupDirectory))
                {
                    mail.PickupDirectory = paths.Mail;
                }
            });
        services.AddSingleton<IMailSender, MailKitMailSender>();
        services.AddSingleton<MailTemplates>();
        services.AddSingleton<ISmsSender>(provider => new FileSmsSender(
            configuration["Club:Sms:Folder"] is { Length: > 0 } sms ? sms : provider.GetRequiredService<ClubPaths>().Sms,
            provider.GetRequiredService<ILogger<FileSmsSender>>()));
        services.AddSingleton<OutboxMailDelivery>();
        services.AddSingleton<IMailDelivery>(provider => provider.GetRequiredService<OutboxMailDelivery>());
        services.AddSingleton<IMailOutbox, OutboxMailQueue>();

        services.AddClubScheduler(configuration);

        services.AddSingleton<IRateLimiter, PostgresRateLimiter>();
        services.AddHostedService<RateLimitCounterCleanup>();

        // Readiness checks (tag "ready"): liveness (/health/live) runs none of them, so it never needs the database.
        services.AddHealthChecks()
            .AddDbContextCheck<ClubDbContext>("database", tags: [HealthTags.Ready])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [HealthTags.Ready]);
        return services;
    }

    public static void ConfigureNpgsql(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
