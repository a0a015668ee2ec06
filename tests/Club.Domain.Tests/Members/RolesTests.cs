using Club.Domain.Members;

namespace Club.Domain.Tests.Members;

public class RolesTests
{
    [Fact]
    public void Lists_the_six_roles_of_the_program_once_each()
    {
        Roles.All.Should().BeEquivalentTo(["Buyer", "Seller", "PartnerManager", "ProgramManager", "FactoryStaff", "Admin"]);
        Roles.All.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Role_groups_only_name_existing_roles()
    {
        foreach (var group in new[] { Roles.BrandStaff, Roles.CatalogViewers, Roles.PartnerStaff })
        {
            group.Split(',').Should().BeSubsetOf(Roles.All);
        }
    }
}
