using Club.Application.Abstractions;
using Club.Domain.Members;
using Mediator;

namespace Club.Application.Features.Accounts;

/// <summary>The form behind the mailed sign-up link: the password chosen in the sign-up form, typed again, creates the account and signs it in.</summary>
public sealed record ConfirmSignUpCommand(string Token, string Password) : ICommand<SignUpCompletion>;

public sealed class ConfirmSignUpHandler(IAccounts accounts, IMailOutbox outbox, IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<ConfirmSignUpCommand, SignUpCompletion>
{
    public const string BuyerWelcome = "WelcomeBuyer";
    public const string SellerWelcome = "WelcomeSeller";

    public async ValueTask<SignUpCompletion> Handle(ConfirmSignUpCommand command, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(command.Token) || command.Token.Length > 4000)
        {
            return new SignUpCompletion(SignUpOutcome.InvalidLink);
        }

        if (string.IsNullOrEmpty(command.Password) || command.Password.Length > 200)
        {
            return new SignUpCompletion(SignUpOutcome.WrongPassword);
        }

        var completion = await accounts.CompleteSignUpAsync(command.Token.Trim(), command.Password, cancellationToken);
        if (completion.MemberId is { } member)
        {
            // A seller's welcome says what happens before she can record sales (the manager's call).
            var template = completion.Role == Roles.Seller ? SellerWelcome : BuyerWelcome;
            await outbox.EnqueueAsync($"welcome:{member}", new MemberMail(member, template, new Dictionary<string, string>()), cancellationToken);
            if (completion.Invitation is not null)
            {
                await using var db = await dbFactory.CreateAsync(cancellationToken);
                await Referrals.Referrals.RecordAsync(db, member, completion.Invitation, completion.VisitorHash, clock.GetUtcNow(), cancellationToken);
            }
        }

        return completion;
    }
}
