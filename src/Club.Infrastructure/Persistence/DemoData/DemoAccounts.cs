using Club.Domain.Members;

namespace Club.Infrastructure.Persistence.DemoData;

/// <summary>One demo account per role; the README prints the same list.</summary>
public static class DemoAccounts
{
    public const string Password = "club-demo-2026";

    /// <summary>
    /// The authenticator key of every demo staff account (Base32), printed in the README so the demo can be
    /// tried with any authenticator app; tests compute codes from it. Real staff enrol their own key.
    /// </summary>
    public const string AuthenticatorKey = "CLUBDEMOCLUBDEMOCLUBDEMOCLUBDEMO";

    public sealed record Account(string Email, string Role, string FullName, string Phone, bool AtPartner);

    public static IReadOnlyList<Account> All { get; } =
    [
        new("buyer@club.demo", Roles.Buyer, "Анна Смирнова", "+79160000001", AtPartner: false),
        new("seller@club.demo", Roles.Seller, "Мария Кузнецова", "+79160000002", AtPartner: true),
        new("partner@club.demo", Roles.PartnerManager, "Олег Воронов", "+79160000003", AtPartner: true),
        new("manager@club.demo", Roles.ProgramManager, "Елена Орлова", "+79160000004", AtPartner: false),
        new("factory@club.demo", Roles.FactoryStaff, "Игорь Лебедев", "+79160000005", AtPartner: false),
        new("admin@club.demo", Roles.Admin, "Администратор", "+79160000006", AtPartner: false),
    ];
}
