namespace Club.Domain.Training;

/// <summary>
/// One attempt at a course's test. The seed fixes the shuffled order of questions and options, so the
/// page shows the same order on a reload and grading needs nothing from the browser but the choices.
/// Submitted once: a second submit of the same attempt finds it graded and changes nothing.
/// </summary>
public sealed class TestAttempt
{
    public long Id { get; set; }
    public int CourseId { get; set; }
    public Guid MemberId { get; set; }
    public int Seed { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public int? Correct { get; set; }
    public int? Total { get; set; }
    public bool? Passed { get; set; }
}

/// <summary>The options a seller chose for one question of an attempt (positions in the question's own order).</summary>
public sealed class TestAnswer
{
    public long AttemptId { get; set; }
    public int QuestionId { get; set; }
    public int[] Selected { get; set; } = [];
    public bool Right { get; set; }
}
