using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Activities;
using Club.Domain.Points;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Contests;

/// <summary>
/// A program manager creates a contest: what an entry is (<paramref name="EntryKind"/>), how winners are
/// chosen (<paramref name="Selection"/>; a draw gets its seed and published hash now, before anyone enters),
/// optionally for one partner's sellers only, and the prize (winner points through the ledger and/or a gift).
/// </summary>
public sealed record CreateContestCommand(
    string CreatedBy, string? Title, string? Description, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int EntryPoints, int WinnerPoints,
    ContestEntryKind EntryKind = ContestEntryKind.Join, ContestSelection Selection = ContestSelection.Staff, int? PartnerId = null,
    int WinnerCount = 1, string? Prize = null)
    : ICommand<Result>;

public sealed class CreateContestValidator : CommandValidator<CreateContestCommand>
{
    public CreateContestValidator()
    {
        RuleFor(c => c.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithKey("Enter a title.");
        RuleFor(c => c).Must(c => c.Title!.Trim().Length <= Contest.MaxTitleLength && (c.Description?.Trim().Length ?? 0) <= Contest.MaxDescriptionLength
                                  && (c.Prize?.Trim().Length ?? 0) <= Contest.MaxPrizeLength)
            .WithKey("The text is too long.");
        RuleFor(c => c.EndsAt).Must((c, ends) => ends > c.StartsAt).WithKey("The contest must end after it starts.");
        RuleFor(c => c.EntryPoints).Points(PointsRule.MaxPoints);
        RuleFor(c => c.WinnerPoints).Points(PointsRule.MaxPoints);
        RuleFor(c => c.EntryKind).IsInEnum().WithKey("Choose what an entry is from the list.");
        RuleFor(c => c.Selection).IsInEnum().WithKey("Choose how winners are chosen from the list.");
        RuleFor(c => c.WinnerCount).InclusiveBetween(1, Contest.MaxWinners)
            .WithKey("A draw picks from {0} to {1} winners.", 1, Contest.MaxWinners);
        RuleFor(c => c.PartnerId).Must((c, partner) => partner is not null || c.EntryKind != ContestEntryKind.Sales)
            .WithKey("A sales contest is for one partner's sellers: choose the partner.");
    }
}

public sealed class CreateContestHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<CreateContestCommand, Result>
{
    public async ValueTask<Result> Handle(CreateContestCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (command.PartnerId is { } partnerId && !await db.Partners.AnyAsync(p => p.Id == partnerId, cancellationToken))
        {
            return Result.Fail("No such partner.");
        }

        // The seed is made here, once: its hash is on the contest page from now on, before any entry.
        var seed = command.Selection == ContestSelection.Draw ? ContestDraw.NewSeed() : null;
        var contest = new Contest
        {
            Title = command.Title!.Trim(),
            Description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim(),
            StartsAt = command.StartsAt,
            EndsAt = command.EndsAt,
            EntryPoints = command.EntryPoints,
            WinnerPoints = command.WinnerPoints,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = command.CreatedBy.Length <= 200 ? command.CreatedBy : command.CreatedBy[..200],
            EntryKind = command.EntryKind,
            Selection = command.Selection,
            PartnerId = command.PartnerId,
            WinnerCount = command.Selection == ContestSelection.Draw ? command.WinnerCount : 1,
            Prize = string.IsNullOrWhiteSpace(command.Prize) ? null : command.Prize.Trim(),
            Seed = seed,
            SeedHash = seed is null ? null : ContestDraw.HashOf(seed),
        };
        db.Contests.Add(contest);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditChange("contest.create", "contest", contest.Id.ToString(CultureInfo.InvariantCulture), null,
            new { contest.Title, contest.EntryKind, contest.Selection, contest.PartnerId, contest.WinnerCount, contest.WinnerPoints, contest.Prize, contest.SeedHash }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
