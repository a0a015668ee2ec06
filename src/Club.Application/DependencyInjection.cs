using Club.Application.Features.Registration;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Club.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddClubApplication(this IServiceCollection services)
    {
        // Scoped: a handler gets the caller's scope (request, circuit or job run) and its services.
        services.AddMediator((MediatorOptions options) => options.ServiceLifetime = ServiceLifetime.Scoped);
        services.AddSingleton(TimeProvider.System);

        // Replaced by the sales feature; until then registrations have no seller to confirm.
        services.TryAddSingleton<ISaleConfirmations, NoSalesYet>();
        return services;
    }
}
