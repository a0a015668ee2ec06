namespace Club.Domain.Scheduling;

/// <summary>
/// One execution of a scheduled job on some node: what the jobs page shows (last run, duration, members
/// paid, failures). Written by the job runner around the job's command, whichever node fired it.
/// </summary>
public sealed class JobRun
{
    public const int MaxNameLength = 100;
    public const int MaxNodeLength = 200;

    public long Id { get; set; }
    public required string JobName { get; set; }

    /// <summary>Quartz's id of this firing; unique, so one firing is one row however often it is reported.</summary>
    public required string FireInstanceId { get; set; }

    /// <summary>The Quartz instance id (host name + ticks with instanceId AUTO) of the node that ran it.</summary>
    public required string Node { get; set; }

    /// <summary>The time the trigger was meant to fire: two rows with one scheduled time would be a double run.</summary>
    public DateTimeOffset? ScheduledAt { get; set; }

    /// <summary>True for "run now" from the jobs page.</summary>
    public bool Manual { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int? DurationMs { get; set; }

    /// <summary>What the command returned: members paid, mails sent, sales expired.</summary>
    public int? Affected { get; set; }

    public string? Error { get; set; }
}
