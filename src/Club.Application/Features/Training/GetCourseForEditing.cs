using Club.Application.Abstractions;
using Club.Domain.Training;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>One course with its lessons and question bank, for the program manager who builds it.</summary>
public sealed record GetCourseForEditingQuery(int CourseId) : IQuery<CourseForEditing?>;

public sealed record CourseForEditing(Course Course, IReadOnlyList<Lesson> Lessons, IReadOnlyList<Question> Questions);

public sealed class GetCourseForEditingHandler(IClubDbFactory dbFactory) : IQueryHandler<GetCourseForEditingQuery, CourseForEditing?>
{
    public async ValueTask<CourseForEditing?> Handle(GetCourseForEditingQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CourseId, cancellationToken);
        if (course is null)
        {
            return null;
        }

        var lessons = await db.Lessons.AsNoTracking().Where(l => l.CourseId == course.Id).OrderBy(l => l.Position).ToListAsync(cancellationToken);
        var questions = await db.Questions.AsNoTracking().Where(q => q.CourseId == course.Id).OrderBy(q => q.Id).ToListAsync(cancellationToken);
        return new CourseForEditing(course, lessons, questions);
    }
}
