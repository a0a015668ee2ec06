using Club.Application.Abstractions;
using Club.Application.Features.Staff;
using Club.Domain.Members;
using Club.Infrastructure.Persistence;
using Club.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using static Club.Application.Tests.Features.Audit.AuditAssert;

namespace Club.Application.Tests.Features.Audit;

/// <summary>The first administrator on a database without demo data (create-admin needs one with no administrator).</summary>
public sealed class AuditedFirstAdminTests : IAsyncLifetime
{
    private readonly string name = "t_" + Guid.NewGuid().ToString("N");
    private ServiceProvider? services;

    public async Task InitializeAsync()
    {
        services = TestServices.Build(await TestPostgres.CreateDatabaseAsync(name),
            configure: s => s.AddSingleton<IRequestContext>(new AuditActorFixture.StaffActor()));
        await services.PrepareClubDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        await services!.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(name);
    }

    [Fact]
    public async Task The_first_administrator_is_logged_with_the_role_and_the_email_as_a_personal_value_without_the_link()
    {
        FirstAdminResult result;
        await using (var scope = services!.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new CreateFirstAdminCommand("owner@brand.example"));
        }

        result.Error.Should().BeNull();
        var user = Guid.Parse(QueryHelpers.ParseQuery(new Uri(result.Link!).Query)["user"]!);
        var row = await RowAsync(services!, "staff.create-admin", "staff", user.ToString());
        Created(row, "role", Roles.Admin);
        (row.MemberId, row.PersonalValue).Should().Be((user, "owner@brand.example"));
        HasNoSecret(row, QueryHelpers.ParseQuery(new Uri(result.Link!).Query)["code"]!);
    }
}
