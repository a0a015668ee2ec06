using System.Globalization;
using Club.Application.Abstractions;

namespace Club.Web.Api;

/// <summary>
/// Each key's requests per minute, counted by the site's shared <see cref="IRateLimiter"/> (so the limit
/// holds across nodes). Over it: 429 with Retry-After and a problem.
/// </summary>
public sealed class ApiRateLimit(IRateLimiter limiter) : IEndpointFilter
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = http.Caller();
        var partition = caller.KeyId.ToString(CultureInfo.InvariantCulture);
        var result = await limiter.HitAsync([new RateLimitHit(new RateLimitRule("api-key", caller.RequestsPerMinute, Minute), partition)], http.RequestAborted);
        if (result.Allowed)
        {
            return await next(context);
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(result.RetryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblems.Problem("rate-limited",
            $"This key made more than {caller.RequestsPerMinute} requests in a minute. Try again in {seconds} seconds.",
            new Dictionary<string, object?> { ["retryAfter"] = seconds });
    }
}
