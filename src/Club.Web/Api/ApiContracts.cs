namespace Club.Web.Api;

// The API's JSON shapes (camelCase on the wire). Enums are sent as their names: they are part of the
// contract and documented in docs/api.md.

/// <summary>The scan page's verdict as data. Verdict: Available, SomeoneElses or NotGenuine (then Serial is null: not one of ours).</summary>
public sealed record TagStatusResponse(
    string? Serial, string Verdict, TagProductResponse? Product, DateTimeOffset? RegisteredAt, long Scans, bool ReportedLost,
    DateTimeOffset? GuessingPausedUntil);

public sealed record TagProductResponse(string Sku, string Name, string? NameEn, string Collection, string Metal, string? Stone, int Points);

/// <summary>A sale from a till: the seller by <c>sellerId</c> or by <c>sellerPhone</c>, and the tag's serial.</summary>
public sealed record TillSaleRequest(Guid? SellerId, string? SellerPhone, string? Serial);

/// <summary>A recorded sale. State: AwaitingBuyer, AwaitingConfirmation, Flagged or Disputed; Message: what the seller's page would say.</summary>
public sealed record TillSaleResponse(long SaleId, string State, string Message, bool Replayed);

/// <summary>A member found by phone: only what a till needs to greet them.</summary>
public sealed record MemberResponse(Guid MemberId, string FirstName);

public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record SaleResponse(long Id, string Serial, Guid SellerId, int ShopId, DateTimeOffset RecordedAt, string State, int Points, DateTimeOffset? ConfirmedAt);

public sealed record PointsEntryResponse(long Id, Guid SellerId, int Amount, string Reason, string Source, DateTimeOffset CreatedAt);

public sealed record SellerResponse(Guid Id, string FullName, int? ShopId, string Status, DateTimeOffset JoinedAt, int ConfirmedSales, int SalePoints);

/// <summary>
/// A personal Collector coupon as a till sees it: State is Usable, Waiting (an earlier coupon of the
/// holder must be used first), Redeemed or Expired; Redeemed is true when this call redeemed it.
/// </summary>
public sealed record CouponResponse(string Code, int Percent, string State, DateTimeOffset? ValidUntil, DateTimeOffset? RedeemedAt, bool Redeemed)
{
    public static CouponResponse Of(Club.Application.Features.Collector.CouponCheck check, bool redeemed) =>
        new(check.Code!, check.Percent, check.Outcome.ToString(), check.ValidUntil, check.RedeemedAt, redeemed);
}
