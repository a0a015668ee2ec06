using Club.Application.Abstractions;
using Club.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Club.Application.Tests.Features.Audit;

/// <summary>A database whose handlers act as one known staff member at one address, so audit rows can be checked for the actor.</summary>
public sealed class AuditActorFixture : DatabaseFixture
{
    public static readonly RequestActor Staff = new(Guid.Parse("0a0d1700-0000-4000-8000-000000000001"), "auditor@club.demo", "203.0.113.7");

    protected override void Configure(IServiceCollection services) => services.AddSingleton<IRequestContext>(new StaffActor());

    /// <summary>Every request acts as <see cref="Staff"/>.</summary>
    public sealed class StaffActor : IRequestContext
    {
        public RequestActor Actor => Staff;
    }
}

[CollectionDefinition(Name)]
public sealed class AuditedActions : ICollectionFixture<AuditActorFixture>
{
    public const string Name = "Audited staff actions";
}
