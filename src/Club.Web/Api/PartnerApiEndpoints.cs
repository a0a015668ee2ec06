using System.Text.Json;
using Club.Application.Features.Collector;
using Club.Application.Features.PartnerApi;
using Club.Application.Features.Verification;
using Club.Domain.PartnerApi;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Club.Web.Api;

/// <summary>
/// The partners' API, /api/v1 (docs/api.md). Every endpoint needs a key with its scope, counts against the
/// key's rate limit and sees only the key's partner's data. Query values are read as text and parsed
/// here, so a hostile value gets a problem, never a 500.
/// </summary>
public static class PartnerApiEndpoints
{
    public const string Prefix = "/api/v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapPartnerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddEndpointFilter<ApiRateLimit>()
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/tags/{serial}", GetTagStatusAsync).RequireScope(ApiScopes.ReadTags)
            .WithName("GetTagStatus").WithTags("Tags").WithSummary("The status of a tag by its serial, as the scan page tells it.")
            .Produces<TagStatusResponse>();

        api.MapPost("/sales", RecordSaleAsync).RequireScope(ApiScopes.RecordSales)
            .WithName("RecordSale").WithTags("Sales").WithSummary("Records a sale from a till; retries with the same Idempotency-Key record it once.")
            .Accepts<TillSaleRequest>("application/json")
            .Produces<TillSaleResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/members", FindMemberAsync).RequireScope(ApiScopes.ReadMembers)
            .WithName("FindMemberByPhone").WithTags("Members")
            .WithSummary("A member by phone: id and first name, only for members who agreed to be found at partner shops.")
            .Produces<MemberResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/sales", ListSalesAsync).RequireScope(ApiScopes.ReadReports)
            .WithName("ListSales").WithTags("Reports").WithSummary("The partner's sales, oldest first, by cursor.")
            .Produces<PageResponse<SaleResponse>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/points", ListPointsAsync).RequireScope(ApiScopes.ReadReports)
            .WithName("ListSellerPoints").WithTags("Reports").WithSummary("Points entries of the partner's sellers, oldest first, by cursor.")
            .Produces<PageResponse<PointsEntryResponse>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/sellers", ListSellersAsync).RequireScope(ApiScopes.ReadReports)
            .WithName("ListSellers").WithTags("Reports").WithSummary("The partner's sellers with their confirmed sales, by cursor.")
            .Produces<PageResponse<SellerResponse>>().ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/coupons/{code}", CheckCouponAsync).RequireScope(ApiScopes.RedeemCoupons)
            .WithName("CheckCoupon").WithTags("Coupons").WithSummary("A member's personal Collector coupon: its discount and whether it can be redeemed now.")
            .Produces<CouponResponse>().ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/coupons/{code}/redemption", RedeemCouponAsync).RequireScope(ApiScopes.RedeemCoupons)
            .WithName("RedeemCoupon").WithTags("Coupons").WithSummary("Redeems a personal coupon once the discount is given; a coupon is redeemed once, whoever asks again.")
            .Produces<CouponResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        // Anything else under /api is a problem too, not the site's HTML "not found" page.
        app.Map("/api/{**rest}", () => ApiProblems.Problem("not-found", "There is no such API endpoint; see /api/docs.")).ExcludeFromDescription();
    }

    private static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder endpoint, ApiScopes scope) =>
        endpoint.RequireAuthorization(policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, scope.ToString()));

    private static async Task<IResult> GetTagStatusAsync(string serial, HttpContext http, [FromServices] IMediator mediator)
    {
        // The scan page's own use case, not logged as a scan: a till checking an item is not a buyer's view.
        var verdict = await mediator.Send(new ScanTagCommand(serial, MemberId: null, Log: false), http.RequestAborted);
        var product = verdict.Product is { } p ? new TagProductResponse(p.Sku, p.Name, p.NameEn, p.Collection, p.Metal, p.Stone, p.Points) : null;
        return TypedResults.Ok(new TagStatusResponse(
            verdict.Serial, verdict.Verdict.ToString(), product, verdict.RegisteredAt, verdict.Scans, verdict.ReportedLost, verdict.GuessingPausedUntil));
    }

    private static async Task<IResult> RecordSaleAsync(HttpContext http, [FromServices] IMediator mediator)
    {
        TillSaleRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<TillSaleRequest>(http.Request.Body, Json, http.RequestAborted);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            return ApiProblems.Problem("invalid-request", "The body must be JSON: {\"sellerId\" or \"sellerPhone\", \"serial\"}.");
        }

        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var result = await mediator.Send(
            new RecordTillSaleCommand(http.Caller().PartnerId, key, body.SellerId, body.SellerPhone, body.Serial), http.RequestAborted);
        if (result.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return result.Outcome switch
        {
            TillSaleOutcome.Recorded => TypedResults.Json(
                new TillSaleResponse(result.SaleId!.Value, result.State!.Value.ToString(), result.Message, result.Replayed), statusCode: StatusCodes.Status201Created),
            TillSaleOutcome.SellerNotFound => ApiProblems.Problem("seller-not-found", result.Message),
            TillSaleOutcome.KeyReused => ApiProblems.Problem("idempotency-key-reused", result.Message),
            TillSaleOutcome.Invalid => ApiProblems.Problem("invalid-request", result.Message),
            _ => ApiProblems.Problem("sale-refused", result.Message),
        };
    }

    private static async Task<IResult> FindMemberAsync(string? phone, HttpContext http, [FromServices] IMediator mediator)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return ApiProblems.Problem("invalid-request", "Send the member's phone: ?phone=+79161234567.");
        }

        return await mediator.Send(new FindMemberByPhoneQuery(phone), http.RequestAborted) is { } member
            ? TypedResults.Ok(new MemberResponse(member.MemberId, member.FirstName))
            : ApiProblems.Problem("member-not-found", "No member with this phone has agreed to be found at partner shops.");
    }

    private static async Task<IResult> ListSalesAsync(string? cursor, string? limit, HttpContext http, [FromServices] IMediator mediator)
    {
        if (!ApiPaging.TryParseIdCursor(cursor, out var after) || ParseLimit(limit) is not { } take)
        {
            return InvalidPaging();
        }

        var page = await mediator.Send(new ListPartnerSalesQuery(http.Caller().PartnerId, after, take), http.RequestAborted);
        return TypedResults.Ok(new PageResponse<SaleResponse>(
            [.. page.Items.Select(s => new SaleResponse(s.Id, s.Serial, s.SellerId, s.ShopId, s.RecordedAt, s.State.ToString(), s.Points, s.ConfirmedAt))],
            page.NextCursor));
    }

    private static async Task<IResult> ListPointsAsync(string? cursor, string? limit, HttpContext http, [FromServices] IMediator mediator)
    {
        if (!ApiPaging.TryParseIdCursor(cursor, out var after) || ParseLimit(limit) is not { } take)
        {
            return InvalidPaging();
        }

        var page = await mediator.Send(new ListPartnerPointsQuery(http.Caller().PartnerId, after, take), http.RequestAborted);
        return TypedResults.Ok(new PageResponse<PointsEntryResponse>(
            [.. page.Items.Select(e => new PointsEntryResponse(e.Id, e.SellerId, e.Amount, e.Reason.ToString(), $"{e.ReferenceType}/{e.ReferenceId}", e.CreatedAt))],
            page.NextCursor));
    }

    private static async Task<IResult> ListSellersAsync(string? cursor, string? limit, HttpContext http, [FromServices] IMediator mediator)
    {
        if (ParseLimit(limit) is not { } take
            || await mediator.Send(new ListPartnerSellersQuery(http.Caller().PartnerId, cursor, take), http.RequestAborted) is not { } page)
        {
            return InvalidPaging();
        }

        return TypedResults.Ok(new PageResponse<SellerResponse>(
            [.. page.Items.Select(s => new SellerResponse(s.Id, s.FullName, s.ShopId, s.Status.ToString(), s.JoinedAt, s.ConfirmedSales, s.SalePoints))],
            page.NextCursor));
    }

    private static async Task<IResult> CheckCouponAsync(string code, HttpContext http, [FromServices] IMediator mediator)
    {
        var check = await mediator.Send(new CheckCollectorCouponQuery(ApiDesk(http), code), http.RequestAborted);
        return check.Code is null ? CouponProblem(check) : TypedResults.Ok(CouponResponse.Of(check, redeemed: false));
    }

    private static async Task<IResult> RedeemCouponAsync(string code, HttpContext http, [FromServices] IMediator mediator)
    {
        var result = await mediator.Send(new RedeemCollectorCouponCommand(ApiDesk(http), code), http.RequestAborted);
        return result.Redeemed ? TypedResults.Ok(CouponResponse.Of(result.Check, redeemed: true))
            : result.Check.Code is null ? CouponProblem(result.Check)
            : ApiProblems.Problem("coupon-not-redeemable", result.Check.Message);
    }

    private static CouponDesk ApiDesk(HttpContext http) => new(null, http.Caller().KeyId, http.Caller().PartnerId);

    private static IResult CouponProblem(CouponCheck check) => check.Outcome == CouponCheckOutcome.TooManyChecks
        ? ApiProblems.Problem("too-many-coupon-checks", check.Message)
        : ApiProblems.Problem("coupon-not-found", check.Message);

    /// <summary>1..500, 100 when absent; null for anything else.</summary>
    private static int? ParseLimit(string? limit) =>
        string.IsNullOrEmpty(limit) ? ApiPaging.DefaultLimit
        : int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= ApiPaging.MaxLimit ? n
        : null;

    private static IResult InvalidPaging() =>
        ApiProblems.Problem("invalid-paging", $"cursor must be a nextCursor this list gave, and limit a whole number from 1 to {ApiPaging.MaxLimit}.");
}
