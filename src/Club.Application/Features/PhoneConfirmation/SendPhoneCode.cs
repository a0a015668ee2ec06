using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Club.Application.Abstractions;
using Club.Application.Localization;
using Club.Domain.Activities;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Club.Application.Features.Members;

namespace Club.Application.Features.PhoneConfirmation;

/// <summary>Sends a one-time code to the member's phone, to confirm it is theirs.</summary>
public sealed record SendPhoneCodeCommand(Guid MemberId) : ICommand<Result>;

public sealed class SendPhoneCodeHandler(IClubDbFactory dbFactory, ISmsSender sms, TimeProvider clock) : ICommandHandler<SendPhoneCodeCommand, Result>
{
    public async ValueTask<Result> Handle(SendPhoneCodeCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var (phone, confirmed) = await ProfileCompletion.PhoneAsync(db, command.MemberId, cancellationToken);
        if (string.IsNullOrWhiteSpace(phone))
        {
            return Result.Fail("Your account has no phone number.");
        }

        if (confirmed)
        {
            return Result.Fail("Your phone is already confirmed.");
        }

        var now = clock.GetUtcNow();
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

        // One statement decides whether a code may be sent: a new member, or the last code older than
        // the resend pause. Parallel clicks send one SMS; the rest are told to wait.
        var stored = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO phone_codes (member_id, phone, code_hash, sent_at, expires_at, attempts)
            VALUES ({command.MemberId}, {phone}, {PhoneCodes.Hash(command.MemberId, code)}, {now}, {now + PhoneCode.Lifetime}, 0)
            ON CONFLICT (member_id) DO UPDATE
            SET phone = excluded.phone, code_hash = excluded.code_hash, sent_at = excluded.sent_at, expires_at = excluded.expires_at, attempts = 0
            WHERE phone_codes.sent_at <= {now - PhoneCode.ResendAfter}
            """, cancellationToken);
        if (stored == 0)
        {
            return Result.Fail("A code was sent a moment ago. Please wait a minute before asking for another.");
        }

        var culture = await db.Members.Where(m => m.Id == command.MemberId).Select(m => m.Culture).SingleAsync(cancellationToken);
        var minutes = (long)PhoneCode.Lifetime.TotalMinutes;
        var text = culture == "en"
            ? $"AQUAMARINE Club: your code is {code}. It is valid for {minutes} {Plural.Choose(minutes, "minute|minutes", CultureInfo.InvariantCulture)}."
            : $"Клуб AQUAMARINE: ваш код {code}. Он действует {minutes} {Plural.Choose(minutes, "минуту|минуты|минут", CultureInfo.GetCultureInfo("ru"))}.";
        await sms.SendAsync(phone, text, cancellationToken);
        return Result.Ok;
    }
}

/// <summary>Hashing of phone codes: the code alone is a small space, so the member id salts it.</summary>
public static class PhoneCodes
{
    public static byte[] Hash(Guid memberId, string code) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{memberId:N}:{code}"));
}
