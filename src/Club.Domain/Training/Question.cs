namespace Club.Domain.Training;

/// <summary>
/// A question of a course's bank. Options are kept in the manager's order; the test shows them shuffled
/// per attempt, and answers refer to the options' positions here, so shuffling never changes grading.
/// </summary>
public sealed class Question : ICourseItem
{
    public const int MaxTextLength = 1000;
    public const int MaxOptionLength = 500;
    public const int MaxOptions = 8;

    public int Id { get; set; }
    public int CourseId { get; set; }

    /// <summary>The place in the manager's list (unique per course); the test shuffles anyway.</summary>
    public int Position { get; set; }

    public required string Text { get; set; }

    /// <summary>More than one option may be right; the seller must pick exactly the right ones.</summary>
    public bool Multiple { get; set; }

    public string[] Options { get; set; } = [];

    /// <summary>Zero-based positions in <see cref="Options"/> of the right answers.</summary>
    public int[] Correct { get; set; } = [];

    /// <summary>
    /// When a manager removed the question: it leaves the test but stays for the stored answers.
    /// </summary>
    public DateTimeOffset? RemovedAt { get; set; }

    /// <summary>
    /// When the question was added or its options or right answers last changed. An open attempt shows
    /// and grades only the questions as they were when it started: a seller is never graded on options
    /// they were not shown. Questions older than this field carry the Unix epoch.
    /// </summary>
    public DateTimeOffset ChangedAt { get; set; } = DateTimeOffset.UnixEpoch;

    public bool IsAnsweredBy(IReadOnlyCollection<int> selected) =>
        selected.Count == Correct.Length && Correct.All(selected.Contains);
}
