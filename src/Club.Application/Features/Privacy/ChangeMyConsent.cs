using Club.Application.Abstractions;
using Club.Application.Validation;
using Club.Domain.Privacy;
using FluentValidation;
using Mediator;

namespace Club.Application.Features.Privacy;

/// <summary>A member switches the marketing consent or the partner-shop lookup on or off in the cabinet.</summary>
public sealed record ChangeMyConsentCommand(Guid MemberId, string? Kind, bool Granted) : ICommand<Result>;

public sealed class ChangeMyConsentValidator : CommandValidator<ChangeMyConsentCommand>
{
    public ChangeMyConsentValidator() =>
        RuleFor(c => c.Kind).Must(k => k is not null && ConsentKinds.Optional.Contains(k)).WithKey("No such consent.");
}

public sealed class ChangeMyConsentHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<ChangeMyConsentCommand, Result>
{
    public async ValueTask<Result> Handle(ChangeMyConsentCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await ConsentRecords.SetAsync(
            db.Database, command.MemberId, command.Kind!, command.Granted, null, ConsentSources.Cabinet, null, clock.GetUtcNow(), cancellationToken);
        return Result.Ok;
    }
}
