namespace Club.Application.Abstractions;

/// <summary>
/// The sign-in accounts (ASP.NET Core Identity in Infrastructure) as the account use cases need them:
/// sessions of the current request, passwords, second factors. Pages reach it only through the
/// commands in Features/Accounts.
/// </summary>
public interface IAccounts
{
    /// <summary>Ends the current session everywhere: the member's security stamp changes, so a copy of the cookie stops working too.</summary>
    Task SignOutAsync(CancellationToken cancellationToken);
}
