using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Application.Features.Registration;
using Club.Application.Features.Sales;
using Club.Application.Observability;
using Club.Application.Validation;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Club.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddClubApplication(this IServiceCollection services)
    {
        // Scoped: a handler gets the caller's scope (request, circuit or job run) and its services.
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            // Generated registrations: each step applies to the messages its constraints fit (results that are
            // IFailable<>, course- and survey-editing messages).
            // Telemetry first: it times and traces the whole use case, refusals by the later steps included.
            options.PipelineBehaviors = [typeof(TelemetryBehavior<,>), typeof(ValidationBehavior<,>), typeof(FrozenPointsBehavior<,>),
                typeof(Features.Training.CourseScopeBehavior<,>), typeof(Features.Surveys.SurveyScopeBehavior<,>)];
        });
        // Validators hold rules only, no state: one instance each serves every request.
        services.AddValidatorsFromAssemblyContaining<Result>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton(TimeProvider.System);

        // A buyer's registration confirms the seller's recorded sale of the same tag.
        services.TryAddSingleton(new SalesRules());
        services.TryAddSingleton(new Features.Verification.ScanLogRules());
        services.AddSingleton<SaleConfirmations>();
        services.AddSingleton<SaleQuestionMail>();
        services.AddSingleton<Features.Sellers.LeaderboardBoards>();
        services.AddSingleton<Features.Catalog.GiftOrderMails>();
        services.AddScoped<Features.Staff.StaffInvitations>();
        services.AddSingleton<Features.PartnerApi.ApiKeyAuthenticator>();
        services.AddSingleton<Features.Brand.BrandSnapshot>();
        services.AddSingleton<Features.Accounts.PasswordCheckGate>();
        services.AddSingleton<ISaleConfirmations>(provider => provider.GetRequiredService<SaleConfirmations>());
        return services;
    }
}
