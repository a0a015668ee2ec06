namespace Club.Domain.Training;

/// <summary>A lesson or a question: kept in a manager-chosen order within its course (positions unique per course).</summary>
public interface ICourseItem
{
    int Id { get; }
    int CourseId { get; }
    int Position { get; set; }
}
