using System.Globalization;
using System.Text;
using Club.Application.Abstractions;
using Club.Domain.Activities;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Surveys;

/// <summary>
/// A survey's answers as CSV (UTF-8, one row per response, one column per question); null for an unknown
/// survey. A partner manager's copy leaves out who answered (member id and name): the brand's members
/// answer the partner's questions, they do not become the partner's contacts.
/// </summary>
public sealed record ExportSurveyAnswersQuery(int SurveyId) : IQuery<string?>, ISurveyEdit
{
    public Guid? PartnerManagerId { get; init; }
}

public sealed class ExportSurveyAnswersHandler(IClubDbFactory dbFactory) : IQueryHandler<ExportSurveyAnswersQuery, string?>
{
    public async ValueTask<string?> Handle(ExportSurveyAnswersQuery query, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.Surveys.AnyAsync(s => s.Id == query.SurveyId, cancellationToken))
        {
            return null;
        }

        var questions = await db.SurveyQuestions.AsNoTracking().Where(q => q.SurveyId == query.SurveyId).OrderBy(q => q.Position).ToListAsync(cancellationToken);
        var responses = await (
                from r in db.SurveyResponses.AsNoTracking().Include(r => r.Answers)
                join m in db.Members on r.MemberId equals m.Id
                where r.SurveyId == query.SurveyId
                orderby r.SubmittedAt, r.Id
                select new { r.Id, r.SubmittedAt, r.MemberId, m.FullName, r.Answers })
            .ToListAsync(cancellationToken);

        var csv = new StringBuilder();
        var named = query.PartnerManagerId is null;
        var header = new List<string> { "response", "submitted_at" };
        if (named)
        {
            header.AddRange(["member_id", "member_name"]);
        }

        foreach (var q in questions)
        {
            header.Add(q.Text);
            if (q.AboutSeller)
            {
                header.Add(q.Text + " (seller_id)");
            }
        }

        Line(csv, header);
        foreach (var r in responses)
        {
            var cells = new List<string> { r.Id.ToString(CultureInfo.InvariantCulture), r.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) };
            if (named)
            {
                cells.AddRange([r.MemberId.ToString(), r.FullName]);
            }

            foreach (var q in questions)
            {
                var a = r.Answers.FirstOrDefault(x => x.QuestionId == q.Id);
                cells.Add(a is null ? "" : q.Kind switch
                {
                    QuestionKind.Rating => a.Rating?.ToString(CultureInfo.InvariantCulture) ?? "",
                    QuestionKind.FreeText => a.Text ?? "",
                    _ => string.Join("; ", a.Choices.Where(i => i < q.Options.Count).Select(i => q.Options[i])),
                });
                if (q.AboutSeller)
                {
                    cells.Add(a?.SellerId?.ToString() ?? "");
                }
            }

            Line(csv, cells);
        }

        return csv.ToString();
    }

    private static void Line(StringBuilder csv, IEnumerable<string> cells) =>
        csv.Append(string.Join(',', cells.Select(CsvText.Quote))).Append("\r\n");
}
