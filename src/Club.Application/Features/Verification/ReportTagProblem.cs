using Club.Application.Abstractions;
using Club.Domain.Verification;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Verification;

/// <summary>A visitor tells the brand something is wrong with a tag, e.g. it was registered by someone else.</summary>
public sealed record ReportTagProblemCommand(string? Serial, Guid? MemberId, string? Message, string? Contact) : ICommand<Result>;

public sealed class ReportTagProblemHandler(IClubDbFactory dbFactory, ITagCodes codes, TimeProvider clock)
    : ICommandHandler<ReportTagProblemCommand, Result>
{
    public async ValueTask<Result> Handle(ReportTagProblemCommand command, CancellationToken cancellationToken)
    {
        var text = command.Message?.Trim() ?? "";
        var contact = string.IsNullOrWhiteSpace(command.Contact) ? null : command.Contact.Trim();
        if (text.Length == 0)
        {
            return Result.Fail("Describe the problem, please.", nameof(command.Message));
        }

        if (text.Length > TagReport.MaxMessageLength)
        {
            return Result.Fail("The message is too long (at most 1000 characters).", nameof(command.Message));
        }

        if (contact is { Length: > TagReport.MaxContactLength })
        {
            return Result.Fail("The contact is too long.", nameof(command.Contact));
        }

        if (codes.TryDecodeSerial(command.Serial, out var tagId) is not SerialCheck.Valid)
        {
            return Result.Fail("This is not a genuine serial.");
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        if (!await db.Tags.AnyAsync(t => t.Id == tagId, cancellationToken))
        {
            return Result.Fail("This is not a genuine serial.");
        }

        db.TagReports.Add(new TagReport
        {
            TagId = tagId,
            MemberId = command.MemberId,
            Message = text,
            Contact = contact,
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }
}
