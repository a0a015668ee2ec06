using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Club.Application.Abstractions;
using Club.Application.Features.Members;
using Club.Application.Features.Sales;
using Club.Application.Validation;
using Club.Domain.Members;
using Club.Domain.PartnerApi;
using Club.Domain.Sales;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.PartnerApi;

/// <summary>
/// A partner's till records a sale through the API: the seller (one of the partner's own, by id or phone),
/// the serial, and the till's Idempotency-Key. The sale itself goes through <see cref="RecordSaleCommand"/>,
/// the seller's own page's use case, so both follow the same rules.
/// </summary>
public sealed record RecordTillSaleCommand(int PartnerId, string? IdempotencyKey, Guid? SellerId, string? SellerPhone, string? Serial)
    : ICommand<TillSaleResult>;

public enum TillSaleOutcome
{
    /// <summary>The sale was recorded (in whatever state the sales rules put it).</summary>
    Recorded,

    /// <summary>The sales rules refused it; <see cref="TillSaleResult.Message"/> says why.</summary>
    Refused,

    /// <summary>No seller of this partner has that id or phone.</summary>
    SellerNotFound,

    /// <summary>The request is malformed (missing key, seller or serial).</summary>
    Invalid,

    /// <summary>The Idempotency-Key was used before with another request.</summary>
    KeyReused,
}

/// <summary>The answer, the same for every retry with the same key and body. Message: the sales rules' English text.</summary>
public sealed record TillSaleResult(TillSaleOutcome Outcome, string Message, long? SaleId = null, SaleState? State = null, bool Replayed = false)
    : IFailable<TillSaleResult>
{
    public static TillSaleResult Invalid(IReadOnlyList<FieldFailure> failures) => new(TillSaleOutcome.Invalid, failures[0].Message.Text);
}

public sealed class RecordTillSaleValidator : CommandValidator<RecordTillSaleCommand>
{
    public RecordTillSaleValidator()
    {
        RuleFor(c => c.IdempotencyKey).Must(k => k is { Length: > 0 and <= ApiIdempotencyRecord.MaxKeyLength } && k.All(c => c is > ' ' and <= '~'))
            .WithKey("Send an Idempotency-Key header: up to {0} printable ASCII characters, new for each sale.", ApiIdempotencyRecord.MaxKeyLength);
        RuleFor(c => c).Must(c => c.SellerId is not null ^ !string.IsNullOrWhiteSpace(c.SellerPhone))
            .WithKey("Name the seller by sellerId or by sellerPhone (one of them).");
        RuleFor(c => c.Serial).Must(s => !string.IsNullOrWhiteSpace(s) && s.Length <= 100)
            .WithKey("Send the serial of the item's tag.");
    }
}

public sealed class RecordTillSaleHandler(IClubDbFactory dbFactory, ISender sender, TimeProvider clock) : ICommandHandler<RecordTillSaleCommand, TillSaleResult>
{
    public async ValueTask<TillSaleResult> Handle(RecordTillSaleCommand command, CancellationToken cancellationToken)
    {
        var requestHash = RequestHash(command);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The key's row is inserted first, uncommitted: a retry racing this request waits on the unique key
        // until this transaction ends, then reads the stored answer. If this request fails, the row goes
        // with the rollback and the retry does the work itself.
        var claimed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO api_idempotency (partner_id, key, request_hash, created_at)
            VALUES ({command.PartnerId}, {command.IdempotencyKey}, {requestHash}, {clock.GetUtcNow()})
            ON CONFLICT (partner_id, key) DO NOTHING
            """, cancellationToken);
        if (claimed == 0)
        {
            var stored = await db.ApiIdempotency.AsNoTracking()
                .Where(r => r.PartnerId == command.PartnerId && r.Key == command.IdempotencyKey)
                .Select(r => new { r.RequestHash, r.Response })
                .SingleAsync(cancellationToken);
            return !stored.RequestHash.AsSpan().SequenceEqual(requestHash)
                ? new TillSaleResult(TillSaleOutcome.KeyReused, "This Idempotency-Key was already used for another request; use a new key for a new sale.")
                : JsonSerializer.Deserialize<TillSaleResult>(stored.Response!)! with { Replayed = true };
        }

        var result = await RecordAsync(db, command, cancellationToken);
        var json = JsonSerializer.Serialize(result);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE api_idempotency SET response = {json}::jsonb WHERE partner_id = {command.PartnerId} AND key = {command.IdempotencyKey}",
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<TillSaleResult> RecordAsync(IClubDb db, RecordTillSaleCommand command, CancellationToken cancellationToken)
    {
        var sellerId = command.SellerId ?? await MemberLookup.ByEmailOrPhoneAsync(db, command.SellerPhone, cancellationToken);
        // Only the partner's own sellers: another partner's seller is "not found", never "not yours".
        var isOurs = sellerId is { } id && await db.Members.AnyAsync(
            m => m.Id == id && m.PartnerId == command.PartnerId && m.SellerStatus != null, cancellationToken);
        if (!isOurs)
        {
            return new TillSaleResult(TillSaleOutcome.SellerNotFound, "No seller of yours has this id or phone.");
        }

        var sale = await sender.Send(new RecordSaleCommand(sellerId!.Value, command.Serial), cancellationToken);
        return sale.Recorded
            ? new TillSaleResult(TillSaleOutcome.Recorded, sale.Message, sale.SaleId, sale.State)
            : new TillSaleResult(TillSaleOutcome.Refused, sale.Message);
    }

    /// <summary>What "the same request" means: the seller as sent and the serial as sent, in a fixed order.</summary>
    private static byte[] RequestHash(RecordTillSaleCommand command)
    {
        var phone = PhoneNumber.TryNormalize(command.SellerPhone, out var normalized) ? normalized : command.SellerPhone?.Trim();
        var canonical = $"sale\n{command.SellerId}\n{phone}\n{command.Serial?.Trim()}";
        return SHA256.HashData(Encoding.UTF8.GetBytes(canonical));
    }
}
