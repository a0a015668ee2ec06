using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Privacy;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Privacy;

/// <summary>
/// A program manager records on the member desk a consent the member gave or withdrew by phone or
/// letter; the history names the member of staff, and the audit log keeps the change.
/// </summary>
public sealed record RecordMemberConsentCommand(Guid MemberId, string? Kind, bool Granted, Guid StaffId) : ICommand<Result>;

public sealed class RecordMemberConsentValidator : CommandValidator<RecordMemberConsentCommand>
{
    public RecordMemberConsentValidator() =>
        RuleFor(c => c.Kind).Must(k => k is not null && ConsentKinds.Optional.Contains(k)).WithKey("No such consent.");
}

public sealed class RecordMemberConsentHandler(IClubDbFactory dbFactory, IAuditTrail audit, TimeProvider clock)
    : ICommandHandler<RecordMemberConsentCommand, Result>
{
    public async ValueTask<Result> Handle(RecordMemberConsentCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Members.AnyAsync(m => m.Id == command.MemberId, cancellationToken))
        {
            return Result.Fail("No such member.");
        }

        var before = await ConsentRecords.IsGrantedAsync(db.Database, command.MemberId, command.Kind!, cancellationToken);
        if (await ConsentRecords.SetAsync(
                db.Database, command.MemberId, command.Kind!, command.Granted, null, ConsentSources.Staff, command.StaffId, clock.GetUtcNow(), cancellationToken))
        {
            await audit.RecordAsync(new AuditChange(
                "consent.recorded", "member", command.MemberId.ToString(), new { Kind = command.Kind, Granted = before }, new { Kind = command.Kind, command.Granted },
                command.MemberId), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
