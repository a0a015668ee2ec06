using System.Security.Cryptography;
using Club.Application.Abstractions;
using Club.Domain.Activities;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Club.Application.Features.Members;
using Club.Application.Features.Welcome;
using Club.Domain.Welcome;

namespace Club.Application.Features.PhoneConfirmation;

/// <summary>The member types the code from the SMS; a match confirms the phone (and may complete the profile).</summary>
public sealed record ConfirmPhoneCommand(Guid MemberId, string? Code) : ICommand<Result>;

public sealed class ConfirmPhoneHandler(IClubDbFactory dbFactory, TimeProvider clock) : ICommandHandler<ConfirmPhoneCommand, Result>
{
    public async ValueTask<Result> Handle(ConfirmPhoneCommand command, CancellationToken cancellationToken)
    {
        var code = new string((command.Code ?? "").Where(char.IsAsciiDigit).Take(PhoneCode.Digits + 1).ToArray());
        if (code.Length != PhoneCode.Digits)
        {
            return Result.Fail("The code has 6 digits.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();

        // Counting the attempt and reading the code is one statement, so parallel guesses each use up
        // an attempt and no more than the limit are ever compared.
        var rows = await db.Database.SqlQuery<CodeRow>($"""
            UPDATE phone_codes SET attempts = attempts + 1
            WHERE member_id = {command.MemberId} AND attempts < {PhoneCode.MaxAttempts} AND expires_at > {now}
            RETURNING phone, code_hash, attempts
            """).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return Result.Fail("The code has expired or was entered wrong too many times. Ask for a new code.");
        }

        if (!CryptographicOperations.FixedTimeEquals(rows[0].CodeHash, PhoneCodes.Hash(command.MemberId, code)))
        {
            return Result.Fail("The code is wrong.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Confirms the number the code was sent to, not whatever the account holds by now.
        await db.Database.ExecuteSqlAsync(
            $"UPDATE users SET phone_number_confirmed = true WHERE id = {command.MemberId} AND phone_number = {rows[0].Phone}", cancellationToken);
        await db.Database.ExecuteSqlAsync($"DELETE FROM phone_codes WHERE member_id = {command.MemberId}", cancellationToken);
        await ProfileCompletion.PayIfCompleteAsync(db, command.MemberId, now, cancellationToken);
        await WelcomeBonus.PayIfDueAsync(db, command.MemberId, WelcomeBonusTrigger.PhoneConfirmed, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Ok;
    }

    private sealed record CodeRow(string Phone, byte[] CodeHash, short Attempts);
}
