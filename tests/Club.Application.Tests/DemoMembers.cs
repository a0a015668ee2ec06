using Club.Infrastructure.Identity;
using Club.Testing;
using Microsoft.AspNetCore.Identity;

namespace Club.Application.Tests;

internal static class DemoMembers
{
    /// <summary>Id of a demo account (the template database holds the demo data).</summary>
    public static Task<Guid> IdOfAsync(this DatabaseFixture fixture, string email) =>
        fixture.WithScopeAsync<UserManager<ClubUser>, Guid>(async users => (await users.FindByEmailAsync(email))!.Id);
}
