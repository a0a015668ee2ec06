using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Members;
using Club.Application.Validation;
using Club.Domain.Tags;
using FluentValidation;
using Mediator;

namespace Club.Application.Features.Registration;

/// <summary>
/// Staff give a registered item to another member (a gift, a registration by mistake), named by email
/// or phone. The item's points stay with whoever earned them unless <paramref name="MovePoints"/>.
/// </summary>
public sealed record ReassignItemCommand(string? Serial, string? NewOwner, string? Reason, bool MovePoints, Guid StaffId) : ICommand<Result>;

public sealed class ReassignItemValidator : CommandValidator<ReassignItemCommand>
{
    public ReassignItemValidator()
    {
        RuleFor(c => c.NewOwner).Must(o => !string.IsNullOrWhiteSpace(o)).WithKey("Enter the new owner's email or phone.");
        RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithKey("Say why the item changes owner.")
            .Must(r => r!.Trim().Length <= ItemOwnerChange.MaxReasonLength)
            .WithKey("The reason is too long ({0} characters at most).", ItemOwnerChange.MaxReasonLength);
    }
}

public sealed class ReassignItemHandler(IClubDbFactory dbFactory, ITagCodes codes, TimeProvider clock, IAuditTrail audit) : ICommandHandler<ReassignItemCommand, Result>
{
    public async ValueTask<Result> Handle(ReassignItemCommand command, CancellationToken cancellationToken)
    {
        if (codes.TryDecodeSerial(command.Serial, out var tagId) is not SerialCheck.Valid)
        {
            return Result.Fail("No item has this serial.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (await MemberLookup.ByEmailOrPhoneAsync(db, command.NewOwner, cancellationToken) is not { } newOwner)
        {
            return Result.Fail("No member has this email or phone.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await ItemOwnership.ChangeAsync(db,
            new OwnerChange(tagId, newOwner, OwnerChangeKind.Reassigned, command.Reason!.Trim(), command.MovePoints, command.StaffId),
            clock.GetUtcNow(), cancellationToken);
        if (!changed.Succeeded)
        {
            return Result.Fail(changed.Message);
        }

        await audit.RecordAsync(new AuditChange("item.reassign", "tag", tagId.ToString(CultureInfo.InvariantCulture),
            new { Owner = changed.FromMemberId }, new { Owner = newOwner, changed.PointsMoved, Reason = command.Reason.Trim() }, newOwner), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
