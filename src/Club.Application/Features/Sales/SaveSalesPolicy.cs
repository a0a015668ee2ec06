using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Validation;
using Club.Domain.Sales;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Sales;

/// <summary>
/// Sets the sales rules: the window in which a sale and its registration must meet, the daily cap of
/// claims per seller and the days a buyer has to answer a claim. They apply from the next claim, answer
/// or expiry run; claims already decided stay as they are.
/// </summary>
public sealed record SaveSalesPolicyCommand(string EditedBy, int WindowDays, int DailyCap, int AnswerDays) : ICommand<Result>;

public sealed class SaveSalesPolicyValidator : CommandValidator<SaveSalesPolicyCommand>
{
    public SaveSalesPolicyValidator()
    {
        RuleFor(c => c.WindowDays).InclusiveBetween(1, SalesPolicy.MaxWindowDays)
            .WithKey("The sales window must be from 1 to {0} days.", SalesPolicy.MaxWindowDays);
        RuleFor(c => c.DailyCap).InclusiveBetween(1, SalesPolicy.MaxDailyCap)
            .WithKey("The daily limit must be from 1 to {0} sales.", SalesPolicy.MaxDailyCap);
        RuleFor(c => c.AnswerDays).InclusiveBetween(1, SalesPolicy.MaxAnswerDays)
            .WithKey("The buyer's time to answer must be from 1 to {0} days.", SalesPolicy.MaxAnswerDays);
    }
}

public sealed class SaveSalesPolicyHandler(IClubDbFactory dbFactory, TimeProvider clock, IAuditTrail audit) : ICommandHandler<SaveSalesPolicyCommand, Result>
{
    public async ValueTask<Result> Handle(SaveSalesPolicyCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var editedBy = command.EditedBy.Length <= 200 ? command.EditedBy : command.EditedBy[..200];
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = await SalesPolicies.CurrentAsync(db, cancellationToken);
        // One statement on the one row: two managers saving at once leave the later values, and a row
        // deleted by hand comes back.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO sales_policy (id, window_days, daily_cap, answer_days, updated_at, updated_by)
            VALUES ({SalesPolicy.SingletonId}, {command.WindowDays}, {command.DailyCap}, {command.AnswerDays}, {clock.GetUtcNow()}, {editedBy})
            ON CONFLICT (id) DO UPDATE SET window_days = excluded.window_days, daily_cap = excluded.daily_cap,
                answer_days = excluded.answer_days, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, cancellationToken);
        await audit.RecordAsync(new AuditChange("sales-policy.save", "sales-policy", SalesPolicy.SingletonId.ToString(CultureInfo.InvariantCulture),
            new { before.WindowDays, before.DailyCap, before.AnswerDays }, new { command.WindowDays, command.DailyCap, command.AnswerDays }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }
}
