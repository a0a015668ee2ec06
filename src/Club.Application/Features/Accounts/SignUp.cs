using Club.Application.Abstractions;
using Club.Application.Features.Verification;
using Club.Application.Validation;
using Club.Domain.Members;
using Mediator;

namespace Club.Application.Features.Accounts;

/// <summary>A buyer joins: checked here, then a mail finishes it (docs/security.md, "Sign-up").</summary>
/// <summary>Invitation: the code of the invitation link the visitor came with; Visitor: the form's address and browser, hashed as evidence against inviting oneself.</summary>
public sealed record SignUpCommand(
    string? FullName, string? Email, string? Phone, string? Password, bool Consent, string Culture, string ReturnUrl, bool Marketing = false,
    string? Invitation = null, ScanVisitor? Visitor = null)
    : ICommand<Result>, ISignUpFields;

public sealed class SignUpValidator : CommandValidator<SignUpCommand>
{
    public SignUpValidator() => this.AddSignUpFieldRules();
}

public sealed class SignUpHandler(IAccounts accounts, IRateLimiter limiter, IScanVisitorHasher hasher) : ICommandHandler<SignUpCommand, Result>
{
    public async ValueTask<Result> Handle(SignUpCommand command, CancellationToken cancellationToken)
    {
        PhoneNumber.TryNormalize(command.Phone, out var phone);
        var invitation = Referrals.Referrals.Normalize(command.Invitation);
        var visitor = invitation is null || command.Visitor is null ? null : hasher.Hash(command.Visitor.Address, command.Visitor.UserAgent);
        var member = new NewMember(command.Email!.Trim(), phone, command.FullName!.Trim(), Roles.Buyer, command.Culture, Marketing: command.Marketing,
            Invitation: invitation, VisitorHash: visitor);
        return await SignUpRules.StartAsync(accounts, limiter, member, command.Password!, command.ReturnUrl, cancellationToken);
    }
}
