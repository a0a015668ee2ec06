namespace Club.Domain.Training;

/// <summary>
/// A course a program manager builds for sellers: lessons to read, then a test drawn from its question bank.
/// Points for completing it and for passing its test are paid once per seller (ledger keys
/// <c>course:{id}:{member}</c> and <c>test:{id}:{member}</c>).
/// </summary>
public sealed class Course
{
    public const int MaxTitleLength = 200;
    public const int MaxSummaryLength = 2000;
    public const int MaxPoints = 100_000;
    public const int AttemptsLimit = 100;
    public const int CooldownLimitDays = 30;

    public int Id { get; set; }
    public required string Title { get; set; }
    public string Summary { get; set; } = "";

    /// <summary>
    /// The partner whose training department publishes the course: only that partner's sellers see it,
    /// only its managers (and brand staff) edit it, and it pays no points. Null for the brand's own courses.
    /// </summary>
    public int? PartnerId { get; set; }

    /// <summary>Sellers see only published courses; a draft can be edited without anyone starting it half-built.</summary>
    public bool Published { get; set; }

    public int CompletionPoints { get; set; }
    public int TestPoints { get; set; }

    /// <summary>Share of the test's questions that must be answered right, in percent (1–100).</summary>
    public int PassPercent { get; set; } = 80;

    /// <summary>Submitted attempts a seller may make; a passed test needs no more.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Minutes a seller waits after a failed attempt before the next one.</summary>
    public int CooldownMinutes { get; set; } = 60;

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    /// <summary>Whether a share of <paramref name="correct"/> out of <paramref name="total"/> passes.</summary>
    public bool Passes(int correct, int total) => total > 0 && correct * 100 >= PassPercent * total;
}
