using System.Text.Encodings.Web;
using System.Text.Unicode;
using Club.Application.Abstractions;
using Club.Infrastructure.Persistence;
using Club.Infrastructure.Postgres;
using Club.Web.Api;
using Club.Web.Components;
using Club.Web.Endpoints;
using Club.Web.Tags;
using Club.Web.Localization;
using Club.Web.Observability;
using Club.Web.Reports;
using Club.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Club.Web;

public static class DependencyInjection
{
    public static IServiceCollection AddClubWeb(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>(ProxySettings.Configure);
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        // SIGTERM ends the process within seconds even when the database is gone and the scheduler or the
        // scan log would wait for it (Quartz retries forever).
        services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(10));
        // The form reader stops at the site's body limit too (a body sent without Content-Length).
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(options => options.MultipartBodyLengthLimit = RequestBodyLimit.MaxBytes);
        services.AddRazorComponents();
        // Cyrillic as characters, not &#x...; entities: pages stay a third of the size on a phone.
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Singleton<IRequestContext, HttpRequestContext>());

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        // The partners' API authenticates by key; only its endpoints name this scheme.
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
            ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddPartnerApiDocs();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/sign-in";
            cookie.LogoutPath = "/account/sign-out";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "club.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the visitor came over https, also through a trusted proxy (X-Forwarded-Proto).
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
            cookie.SlidingExpiration = true;
            // The handler builds these redirects from the request's Host header; the path alone sends the browser to the same site.
            cookie.Events.OnRedirectToLogin = RedirectWithinSite;
            cookie.Events.OnRedirectToAccessDenied = RedirectWithinSite;
            cookie.Events.OnRedirectToLogout = RedirectWithinSite;
            cookie.Events.OnRedirectToReturnUrl = RedirectWithinSite;
        });
        services.AddAuthorization();
        services.AddAntiforgery(options =>
        {
            // SecurityHeaders sends X-Frame-Options: DENY on every response, not only on forms.
            options.SuppressXFrameOptionsHeader = true;
            options.Cookie.Name = "club.af";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddOptions<RateLimitSettings>().BindConfiguration(RateLimitSettings.Section);
        services.AddScoped<IAccountMails, AccountMails>();
        services.AddSingleton<LabelTemplates>();
        services.AddSingleton<ClubTime>();
        services.AddSingleton<FactoryJobs>();
        services.AddHostedService(provider => provider.GetRequiredService<FactoryJobs>());

        services.AddLocalization(options => options.ResourcesPath = "Resources");
        // Plural forms ("{0:plural:балл|балла|баллов}") for every page and message: one localizer, one set of rules.
        services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>, PluralStringLocalizer>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var supported = SupportedCultures.All.Select(SupportedCultures.Create).ToList();
            options.DefaultRequestCulture = new RequestCulture(SupportedCultures.Default);
            options.SupportedCultures = supported;
            options.SupportedUICultures = supported;
            // The member's choice (cookie) or an explicit ?culture= link; otherwise Russian, the brand's
            // language, rather than whatever the browser says.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = SupportedCultures.CookieName },
            ];
        });

        return services;
    }

    public static WebApplication UseClubWeb(this WebApplication app)
    {
        // First: everything after it (limits, cookies, HSTS, the scheme) sees the real client, if the proxy is trusted.
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<RefusedFormMiddleware>();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseMiddleware<NotFoundMiddleware>();
        app.UseRequestLocalization();
        app.UseMiddleware<ControlCharacterFilter>();
        // Before anything that reads the database (sign-in cookies, the shared rate limits, pages).
        app.UseMiddleware<DatabaseUnavailableMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<StaffSecondFactor>();
        app.UseMiddleware<LegalAcceptanceGate>();
        app.UseAuthorization();
        app.UseMiddleware<SharedRateLimits>();
        app.UseAntiforgery();

        app.MapStaticAssets();
        // Liveness runs no check (a restart would not bring the database back); readiness checks the database
        // and the migrations; /health stays the readiness check it always was, for existing scripts.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync });
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Ready), ResponseWriter = HealthResponse.WriteAsync };
        app.MapHealthChecks("/health/ready", ready);
        app.MapHealthChecks("/health", ready);
        app.MapClubMetrics();
        app.MapAccountEndpoints();
        app.MapCultureEndpoints();
        app.MapPrivacyEndpoints();
        app.MapProductImageEndpoints();
        app.MapCatalogueEndpoints();
        app.MapGiftEndpoints();
        app.MapTrainingEndpoints();
        app.MapFactoryEndpoints();
        if (app.Configuration.GetValue<bool>("Club:Bench:HelloEndpoint"))
        {
            // The raw baseline of tools/Club.Bench/scan-wrk.sh: the same host and middleware, no page, no database.
            app.MapGet("/bench/hello", () => "hello");
        }

        app.MapReportEndpoints();
        app.MapActivityEndpoints();
        app.MapNewsEndpoints();
        app.MapCharityEndpoints();
        app.MapSaleEndpoints();
        app.MapAuditEndpoints();
        app.MapTagReportEndpoints();
        app.MapContestEndpoints();
        app.MapMemberDeskEndpoints();
        app.MapPartnerApi();
        app.MapPartnerApiDocs();
        app.MapRazorComponents<App>();
        return app;
    }

    public static void PrintWelcome(this WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var database = app.Services.GetRequiredService<ClubDatabase>();
        var where = database.IsEmbedded ? "embedded PostgreSQL (demo accounts are listed in README.md)" : "PostgreSQL from ConnectionStrings:Club";
        foreach (var address in addresses)
        {
            Console.WriteLine($"Club is running at {address}  —  database: {where}. Press Ctrl+C to stop.");
        }
    }

    private static Task RedirectWithinSite(RedirectContext<CookieAuthenticationOptions> context)
    {
        var target = context.RedirectUri.StartsWith('/') ? context.RedirectUri : new Uri(context.RedirectUri).PathAndQuery;
        context.Response.Redirect(target);
        return Task.CompletedTask;
    }
}
