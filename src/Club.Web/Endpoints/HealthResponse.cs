using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Club.Web.Endpoints;

/// <summary>A small JSON body for /health: overall status and each check, without exception details.</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
