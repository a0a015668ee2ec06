using System.Diagnostics;
using System.Diagnostics.Metrics;
using Club.Application.Features.Registration;
using Club.Domain.Verification;

namespace Club.Application.Observability;

/// <summary>
/// The site's own telemetry: one meter and one activity source, both named "Club", which the host
/// exports (Prometheus, OTLP) when observability is switched on (docs/operations.md, "Observability").
/// Labels are closed sets (a verdict, an outcome, a request or job type), never a member, a serial, a
/// code or an address: metrics are read by people who may not see personal data, and an open label
/// set would grow without bound.
/// </summary>
public static class ClubMetrics
{
    public const string Name = "Club";

    public static readonly Meter Meter = new(Name);
    public static readonly ActivitySource Activities = new(Name);

    private static readonly Counter<long> Scans = Meter.CreateCounter<long>(
        "club.scans", "{scan}", "Scan-page views, by the verdict shown.");

    private static readonly Counter<long> Registrations = Meter.CreateCounter<long>(
        "club.registrations", "{registration}", "Item registrations tried, by outcome (Registered, WrongCode, NotGenuine ...).");

    private static readonly Counter<long> WrongScratchCodes = Meter.CreateCounter<long>(
        "club.scratch_codes.wrong", "{code}", "Scratch codes entered that did not match their tag.");

    private static readonly Counter<long> Sales = Meter.CreateCounter<long>(
        "club.sales", "{sale}", "Sales recorded by sellers (recorded) or refused (refused).");

    private static readonly Counter<long> Orders = Meter.CreateCounter<long>(
        "club.gift_orders", "{order}", "Gift orders placed, repeated (the same form sent again) or refused.");

    private static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        "club.mediator.duration", "s", "Time a use case (mediator request) took, by request type and outcome.");

    private static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>(
        "club.job.duration", "s", "Time a scheduled job run took, by job and outcome.");

    private static readonly Counter<long> JobAffected = Meter.CreateCounter<long>(
        "club.job.affected", "{member}", "Members paid or items handled by scheduled job runs (the count the jobs page shows), by job.");

    private static long mailQueue;
    private static long webhookQueue;

    static ClubMetrics()
    {
        // Read from the last sample (the host samples the table every few seconds), not from the database
        // on every scrape: a scrape must not wait for, or load, the database.
        Meter.CreateObservableGauge("club.mail.queue", () => Interlocked.Read(ref mailQueue),
            "{mail}", "Member mails in the outbox waiting to be sent (sampled every 15 s).");
        Meter.CreateObservableGauge("club.webhook.queue", () => Interlocked.Read(ref webhookQueue),
            "{delivery}", "Webhook deliveries waiting to be sent or retried, paused endpoints' included (sampled every 15 s).");
    }

    public static void Scan(Verdict verdict) => Scans.Add(1, new KeyValuePair<string, object?>("verdict", verdict.ToString()));

    public static void Registration(RegistrationOutcome outcome)
    {
        Registrations.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        if (outcome == RegistrationOutcome.WrongCode)
        {
            WrongScratchCodes.Add(1);
        }
    }

    public static void Sale(bool recorded) => Sales.Add(1, new KeyValuePair<string, object?>("outcome", recorded ? "recorded" : "refused"));

    public static void GiftOrder(bool placed, bool repeated) =>
        Orders.Add(1, new KeyValuePair<string, object?>("outcome", repeated ? "repeated" : placed ? "placed" : "refused"));

    public static void Request(string type, string outcome, TimeSpan elapsed) =>
        RequestDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("request", type), new KeyValuePair<string, object?>("outcome", outcome));

    public static void Job(string job, string outcome, TimeSpan elapsed, int? affected)
    {
        // Not "job": Prometheus keeps that label for the scrape job and would rename this one.
        var jobTag = new KeyValuePair<string, object?>("job_name", job);
        JobDuration.Record(elapsed.TotalSeconds, jobTag, new KeyValuePair<string, object?>("outcome", outcome));
        if (affected is > 0)
        {
            JobAffected.Add(affected.Value, jobTag);
        }
    }

    /// <summary>The latest count of outbox mail waiting to be sent, for the gauge.</summary>
    public static void MailQueue(long waiting) => Interlocked.Exchange(ref mailQueue, waiting);

    /// <summary>The latest count of pending webhook deliveries, for the gauge.</summary>
    public static void WebhookQueue(long waiting) => Interlocked.Exchange(ref webhookQueue, waiting);
}
