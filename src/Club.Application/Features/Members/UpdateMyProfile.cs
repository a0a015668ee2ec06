using System.ComponentModel.DataAnnotations;
using Club.Application.Abstractions;
using Club.Application.Features.Points;
using Club.Domain.Members;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Members;

/// <summary>Position is a seller's job title; null leaves it as it is (buyers have none).</summary>
public sealed record UpdateMyProfileCommand(Guid MemberId, string FullName, DateOnly? Birthday, string? City, string? Position = null)
    : ICommand<Result>;

public static class UpdateMyProfileValidator
{
    public static IReadOnlyList<ValidationResult> Validate(UpdateMyProfileCommand command, DateOnly today)
    {
        var errors = new List<ValidationResult>();
        var name = command.FullName?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new ValidationResult("Enter your name.", [nameof(command.FullName)]));
        }
        else if (name.Length > Member.MaxNameLength)
        {
            errors.Add(new ValidationResult("The name is too long.", [nameof(command.FullName)]));
        }

        if (command.City is { Length: > Member.MaxCityLength })
        {
            errors.Add(new ValidationResult("The city name is too long.", [nameof(command.City)]));
        }

        if (command.Position is { Length: > Member.MaxPositionLength })
        {
            errors.Add(new ValidationResult("The position is too long.", [nameof(command.Position)]));
        }

        if (command.Birthday is { } birthday && (birthday > today || birthday < today.AddYears(-120)))
        {
            errors.Add(new ValidationResult("Enter a real date of birth.", [nameof(command.Birthday)]));
        }

        return errors;
    }
}

public sealed class UpdateMyProfileHandler(IClubDbFactory dbFactory, TimeProvider clock, PointsSettings settings)
    : ICommandHandler<UpdateMyProfileCommand, Result>
{
    public async ValueTask<Result> Handle(UpdateMyProfileCommand command, CancellationToken cancellationToken)
    {
        var today = settings.Today(clock.GetUtcNow());
        var errors = UpdateMyProfileValidator.Validate(command, today);
        if (errors.Count > 0)
        {
            return Result.Invalid(errors);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == command.MemberId, cancellationToken)
            ?? throw new NotFoundException("Member not found.");
        member.FullName = command.FullName.Trim();
        if (member.Birthday != command.Birthday)
        {
            // Birthday points skip a birthday changed lately (see PayBirthdayRewards): no setting it to today for points.
            member.BirthdayChangedAt = clock.GetUtcNow();
        }

        member.Birthday = command.Birthday;
        member.City = string.IsNullOrWhiteSpace(command.City) ? null : command.City.Trim();
        if (command.Position is not null && member.SellerStatus is not null)
        {
            member.Position = string.IsNullOrWhiteSpace(command.Position) ? null : command.Position.Trim();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        // A profile completed by this save earns its one-time points; later saves find the key taken.
        await ProfileCompletion.PayIfCompleteAsync(db, member.Id, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
