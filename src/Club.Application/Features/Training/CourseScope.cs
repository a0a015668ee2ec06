using Club.Application.Abstractions;
using Club.Application.Features.Partners;
using Club.Domain.Training;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Training;

/// <summary>
/// A message of the course editor: the course it touches and who edits. Brand staff (no manager id) edit
/// every course; a partner manager only the courses of the partner they work for, read from their own record.
/// </summary>
public interface ICourseEdit
{
    int CourseId { get; }

    /// <summary>Set when a partner manager edits: limits the message to their partner's courses.</summary>
    Guid? PartnerManagerId { get; }
}

/// <summary>Who sees which course: the brand's courses are for every seller, a partner's for its own sellers.</summary>
public static class CourseScope
{
    /// <summary>The one answer for another partner's course and a made-up id alike: nothing about either is told.</summary>
    public const string NotYours = "This course is not one of your partner's courses.";

    public const string PartnerCoursePaysNoPoints =
        "A partner's course pays no points: reward your sellers from the partner's bonus budget instead.";

    /// <summary>The published courses a seller may read: the brand's and their own partner's.</summary>
    public static IQueryable<Course> VisibleTo(this IQueryable<Course> courses, IClubDb db, Guid memberId) =>
        courses.Where(c => c.Published && (c.PartnerId == null || db.Members.Any(m => m.Id == memberId && m.PartnerId == c.PartnerId)));

    /// <summary>The partner a manager edits courses for; null for brand staff.</summary>
    public static async Task<int?> EditorPartnerAsync(IClubDb db, Guid? partnerManagerId, CancellationToken cancellationToken) =>
        partnerManagerId is { } manager ? (await ManagedPartner.OfAsync(db, manager, cancellationToken)).Id : null;
}

/// <summary>In front of every course-editing message: a partner manager's message about a course not their partner's stops with a 404.</summary>
public sealed class CourseScopeBehavior<TMessage, TResponse>(IClubDbFactory dbFactory) : PartnerScopeBehavior<TMessage, TResponse>(dbFactory)
    where TMessage : notnull, IMessage, ICourseEdit
{
    protected override string NotYours => CourseScope.NotYours;

    protected override Guid? ManagerOf(TMessage message) => message.PartnerManagerId;

    protected override Task<bool> IsPartnersAsync(IClubDb db, TMessage message, int partnerId, CancellationToken cancellationToken) =>
        db.Courses.AnyAsync(c => c.Id == message.CourseId && c.PartnerId == partnerId, cancellationToken);
}
