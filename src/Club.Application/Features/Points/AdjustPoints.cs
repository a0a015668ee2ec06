using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Points.Ledger;
using Club.Application.Validation;
using Club.Domain.Points;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Points;

/// <summary>
/// Staff correct a member's points: <paramref name="Amount"/> &gt; 0 credits, &lt; 0 debits, with a reason
/// from the list and a comment the member sees if <paramref name="ShowComment"/>. <paramref name="AdjustmentId"/>
/// is made when the form is shown: posting the same form twice (a double click) is one adjustment. Above
/// <see cref="PointsSettings.AdjustmentApprovalLimit"/> (counted over the staff member's corrections to the member
/// in the last day) a program manager's correction waits for an Admin. Nobody corrects their own points.
/// </summary>
public sealed record AdjustPointsCommand(
    Guid AdjustmentId, Guid MemberId, int Amount, AdjustmentReason Reason, string? Comment, bool ShowComment, Guid StaffId, bool StaffIsAdmin)
    : ICommand<AdjustPointsResult>;

/// <summary>Error when nothing was done; else whether the correction is posted or waits for an Admin.</summary>
public sealed record AdjustPointsResult(UserMessage? Error, AdjustmentState? State = null) : IFailable<AdjustPointsResult>
{
    public bool Succeeded => Error is null;

    public static AdjustPointsResult Invalid(IReadOnlyList<FieldFailure> failures) => new(failures[0].Message);
}

public sealed class AdjustPointsValidator : CommandValidator<AdjustPointsCommand>
{
    public AdjustPointsValidator()
    {
        RuleFor(c => c.Amount).NotEqual(0).WithKey("Enter the points to add or, with a minus, to take away.")
            .InclusiveBetween(-PointsAdjustment.MaxAmount, PointsAdjustment.MaxAmount)
            .WithKey("A correction is at most {0:N0} points either way.", PointsAdjustment.MaxAmount);
        RuleFor(c => c.Reason).IsInEnum().WithKey("Choose a reason from the list.");
        RuleFor(c => c.Comment).Must(c => !string.IsNullOrWhiteSpace(c)).WithKey("Write a comment: what happened.")
            .Must(c => c!.Trim().Length <= PointsAdjustment.MaxCommentLength)
            .WithKey("The comment is too long ({0} characters at most).", PointsAdjustment.MaxCommentLength);
    }
}

public sealed class AdjustPointsHandler(IClubDbFactory dbFactory, PointsSettings settings, TimeProvider clock, IAuditTrail audit)
    : ICommandHandler<AdjustPointsCommand, AdjustPointsResult>
{
    public async ValueTask<AdjustPointsResult> Handle(AdjustPointsCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.Members.AnyAsync(m => m.Id == command.MemberId, cancellationToken))
        {
            return new("No such member.");
        }

        if (command.MemberId == command.StaffId)
        {
            return new("Your own points are corrected by another member of staff.");
        }

        var now = clock.GetUtcNow();
        // The approval limit counts this staff member's corrections to this member over the last day,
        // so splitting a large correction into small forms still needs an Admin.
        var since = now.AddDays(-1);
        var earlierToday = await db.PointsAdjustments
            .Where(a => a.MemberId == command.MemberId && a.RequestedBy == command.StaffId && a.RequestedAt >= since && a.Id != command.AdjustmentId)
            .Select(a => a.Amount > 0 ? a.Amount : -a.Amount)
            .SumAsync(cancellationToken);
        var adjustment = new PointsAdjustment
        {
            Id = command.AdjustmentId,
            MemberId = command.MemberId,
            Amount = command.Amount,
            Reason = command.Reason,
            Comment = command.Comment!.Trim(),
            ShowComment = command.ShowComment,
            State = !command.StaffIsAdmin && earlierToday + Math.Abs(command.Amount) > settings.AdjustmentApprovalLimit
                ? AdjustmentState.AwaitingApproval
                : AdjustmentState.Posted,
            RequestedBy = command.StaffId,
            RequestedAt = now,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The form's id decides: of parallel posts of one form, one inserts; the others wait for its
        // commit, find the id taken and report the first one's outcome.
        if (!await PointsLedger.RequestAdjustmentAsync(db, adjustment, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            var earlier = await db.PointsAdjustments.Where(a => a.Id == command.AdjustmentId).Select(a => a.State).SingleAsync(cancellationToken);
            return new(null, earlier);
        }

        if (adjustment.State == AdjustmentState.Posted
            && await AdjustmentPosting.PostAsync(db, adjustment, now, cancellationToken) is { } refusal)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new(refusal);
        }

        await audit.RecordAsync(new AuditChange("points.adjust", PointsAdjustment.ReferenceType, adjustment.Id.ToString("D"), null,
            new { adjustment.Amount, adjustment.Reason, adjustment.Comment, adjustment.ShowComment, adjustment.State }, adjustment.MemberId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(null, adjustment.State);
    }
}
