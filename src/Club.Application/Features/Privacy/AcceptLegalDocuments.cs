using Club.Application.Abstractions;
using Club.Domain.Privacy;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Privacy;

/// <summary>The member accepts the versions they were shown; a version published meanwhile is asked for next.</summary>
public sealed record AcceptLegalDocumentsCommand(Guid MemberId, IReadOnlyList<LegalDocumentToAccept> Accepted) : ICommand<Result>;

public sealed class AcceptLegalDocumentsHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<AcceptLegalDocumentsCommand, Result>
{
    public async ValueTask<Result> Handle(AcceptLegalDocumentsCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var document in command.Accepted)
        {
            // Only published versions: a forged post cannot record acceptance of a version that does not exist.
            if (!await db.LegalDocuments.AnyAsync(d => d.Kind == document.Kind && d.Version == document.Version, cancellationToken))
            {
                return Result.Fail("This version of the document does not exist; reload the page.");
            }

            await ConsentRecords.SetAsync(db.Database, command.MemberId, document.Kind, true, document.Version, ConsentSources.Cabinet, null, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
