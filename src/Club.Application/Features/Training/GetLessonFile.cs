using Club.Application.Abstractions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// A lesson file's bytes for download, or null when there is no such file or the seller may not see it:
/// sellers get the files of published courses while their account is active (the same rule as the
/// lesson page); a partner manager (<see cref="PartnerManagerId"/>) those of their partner's courses,
/// drafts too; neither set is brand staff, who see every file.
/// </summary>
public sealed record GetLessonFileQuery(int FileId, Guid? SellerId) : IQuery<LessonFileContent?>
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed record LessonFileContent(string FileName, string ContentType, byte[] Content, DateTimeOffset UploadedAt);

public sealed class GetLessonFileHandler(IClubDbFactory dbFactory) : IQueryHandler<GetLessonFileQuery, LessonFileContent?>
{
    public async ValueTask<LessonFileContent?> Handle(GetLessonFileQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var files = db.LessonFiles.Where(f => f.Id == query.FileId);
        if (query.SellerId is { } seller)
        {
            if (!await TrainingAccess.IsActiveSellerAsync(db, seller, cancellationToken))
            {
                return null;
            }

            files = files.Where(f => db.Lessons.Any(l => l.Id == f.LessonId && db.Courses.VisibleTo(db, seller).Any(c => c.Id == l.CourseId)));
        }

        if (query.PartnerManagerId is not null)
        {
            var partner = await CourseScope.EditorPartnerAsync(db, query.PartnerManagerId, cancellationToken);
            files = files.Where(f => db.Lessons.Any(l => l.Id == f.LessonId && db.Courses.Any(c => c.Id == l.CourseId && c.PartnerId == partner)));
        }

        return await files.Select(f => new LessonFileContent(f.FileName, f.ContentType, f.Content, f.UploadedAt)).SingleOrDefaultAsync(cancellationToken);
    }
}
