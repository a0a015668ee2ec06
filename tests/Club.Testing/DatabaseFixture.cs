using Club.Infrastructure.Postgres;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Club.Testing;

/// <summary>
/// A fresh database (a copy of the demo-data template) and the app's services over it, for one test
/// class: use as IClassFixture&lt;DatabaseFixture&gt;. Dropped when the class is done.
/// </summary>
public class DatabaseFixture : IAsyncLifetime
{
    private readonly string name = "t_" + Guid.NewGuid().ToString("N");
    private ServiceProvider? services;

    public string ConnectionString { get; private set; } = "";

    public IServiceProvider Services => services ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(name, template: await TemplateDatabase.GetAsync());
        services = TestServices.Build(ConnectionString, configure: Configure);
        await services.GetRequiredService<ClubDatabase>().StartAsync();
    }

    /// <summary>Sends a request through the mediator in its own scope, as a page or job would.</summary>
    public async Task<TResponse> SendAsync<TResponse>(IMessage request)
    {
        await using var scope = Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        return (TResponse)(await mediator.Send((object)request))!;
    }

    public async Task<TResult> WithScopeAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        await TestPostgres.DropDatabaseAsync(name);
    }

    protected virtual void Configure(IServiceCollection services)
    {
    }
}
