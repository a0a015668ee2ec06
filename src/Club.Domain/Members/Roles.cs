namespace Club.Domain.Members;

/// <summary>The roles of the program; names are stored in the database, so never rename them.</summary>
public static class Roles
{
    public const string Buyer = nameof(Buyer);
    public const string Seller = nameof(Seller);
    public const string PartnerManager = nameof(PartnerManager);
    public const string ProgramManager = nameof(ProgramManager);
    public const string FactoryStaff = nameof(FactoryStaff);
    public const string Admin = nameof(Admin);

    public static IReadOnlyList<string> All { get; } =
        [Buyer, Seller, PartnerManager, ProgramManager, FactoryStaff, Admin];

    /// <summary>Roles that must sign in with a second factor (an authenticator app): they can change what members get.</summary>
    public static IReadOnlyList<string> NeedSecondFactor { get; } = [Admin, ProgramManager, FactoryStaff, PartnerManager];

    /// <summary>Comma-joined role lists for [Authorize(Roles = ...)].</summary>
    public const string BrandStaff = ProgramManager + "," + Admin;
    public const string CatalogViewers = ProgramManager + "," + FactoryStaff + "," + Admin;
    public const string PartnerStaff = PartnerManager + "," + Admin;
}
