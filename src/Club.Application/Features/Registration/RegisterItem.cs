using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Activities;
using Club.Domain.Points;
using Club.Domain.Tags;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Registration;

/// <summary>A buyer registers the item behind a tag with the scratch code found under its foil.</summary>
public sealed record RegisterItemCommand(Guid MemberId, string? Serial, string? ScratchCode) : ICommand<RegisterItemResult>;

public enum RegistrationOutcome
{
    Registered,

    /// <summary>The buyer registered it before (a double click or a retry): same answer, no new points.</summary>
    AlreadyYours,
    RegisteredBySomeoneElse,
    NotGenuine,
    Voided,
    Locked,

    /// <summary>Not a scratch code at all (wrong length or symbols); no guess counted.</summary>
    MalformedCode,

    /// <summary>The check character does not fit: a typo, caught without counting a guess.</summary>
    Typo,
    WrongCode,
}

public sealed record RegisterItemResult(RegistrationOutcome Outcome, int Points = 0, int Bonus = 0, int AttemptsLeft = 0, int PromotionBonus = 0)
{
    public bool Succeeded => Outcome is RegistrationOutcome.Registered or RegistrationOutcome.AlreadyYours;

    /// <summary>The message key the page shows.</summary>
    public string Message => Outcome switch
    {
        RegistrationOutcome.Registered => "The item is registered to you.",
        RegistrationOutcome.AlreadyYours => "You have already registered this item.",
        RegistrationOutcome.RegisteredBySomeoneElse => "This item is already registered by someone else.",
        RegistrationOutcome.NotGenuine => "This is not a genuine serial.",
        RegistrationOutcome.Voided => "This tag has been withdrawn and cannot be registered.",
        RegistrationOutcome.Locked => "Too many wrong codes were entered for this tag, so it is locked. Please contact the club.",
        RegistrationOutcome.MalformedCode => "A scratch code has 11 letters and digits, like K7QM-2XRB-9TD. Please check it.",
        RegistrationOutcome.Typo => "There seems to be a typo in the code: please check each character. This did not count as an attempt.",
        _ => "The code does not match this tag.",
    };
}

public sealed class RegisterItemHandler(IClubDbFactory dbFactory, ITagCodes codes, ISaleConfirmations sales, TimeProvider clock)
    : ICommandHandler<RegisterItemCommand, RegisterItemResult>
{
    public async ValueTask<RegisterItemResult> Handle(RegisterItemCommand command, CancellationToken cancellationToken)
    {
        if (codes.TryDecodeSerial(command.Serial, out var tagId) is not SerialCheck.Valid)
        {
            return new(RegistrationOutcome.NotGenuine);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var tag = await ReadAsync(db, tagId, command.MemberId, cancellationToken, clock.GetUtcNow());
        if (StateOutcome(tag, command.MemberId) is { } settled)
        {
            return new(settled);
        }

        switch (codes.TryParseScratch(command.ScratchCode, out var canonical))
        {
            case SerialCheck.Malformed: return new(RegistrationOutcome.MalformedCode);
            case SerialCheck.WrongCheckCharacter: return new(RegistrationOutcome.Typo);
        }

        if (!codes.ScratchMatches(canonical, tag!.ScratchHash))
        {
            return await CountWrongGuessAsync(db, tagId, command.MemberId, cancellationToken);
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var reference = tagId.ToString(CultureInfo.InvariantCulture);

        // The bonus goes first: every registration then takes the bonus key before the balance row, so
        // one buyer's parallel first registrations queue in one order and cannot deadlock. The key, not
        // the "no other items" check (which cannot see uncommitted registrations), makes it once only.
        var postings = new List<PointsPosting>(2);
        var bonusKey = $"first-item:{command.MemberId}";
        if (!tag.HasOtherItems && tag.FirstItemBonus > 0)
        {
            postings.Add(new PointsPosting(command.MemberId, tag.FirstItemBonus, PointsReason.FirstItemBonus, PointsLedger.TagReference, reference, bonusKey));
        }

        if (tag.Points > 0)
        {
            postings.Add(new PointsPosting(command.MemberId, tag.Points, PointsReason.ItemRegistered, PointsLedger.TagReference, reference, $"register:{tagId}"));
        }

        // The most generous promotion running for the item (read with the tag) is a posting of its own
        // under the same gate, so it is paid with the registration or not at all, and once per tag.
        var promotionBonus = tag.Promotion is { } promo ? Math.Max(0, Promotion.BonusFor(tag.Points, promo.ExtraPoints, promo.Multiplier)) : 0;
        if (promotionBonus > 0)
        {
            postings.Add(new PointsPosting(command.MemberId, promotionBonus, PointsReason.PromotionBonus, PointsLedger.TagReference, reference, $"promo:{tag.Promotion!.Id}:{tagId}"));
        }

        // The one gate, in the same statement as the credits: concurrent registrations of the same tag
        // queue on its row, and only the first still finds it Issued; the rest move nothing, credit
        // nothing, and report what the winner left.
        var gate = new LedgerGuard(
            """
            UPDATE tags SET state = {0}, owner_member_id = {1}, registered_at = {2}
            WHERE id = {3} AND state = {4} AND failed_attempts < {5}
              AND NOT EXISTS (SELECT 1 FROM tag_batches b WHERE b.id = tags.batch_id AND b.state = {6})
            RETURNING id
            """,
            [(short)TagState.Registered, command.MemberId, now, tagId, (short)TagState.Issued, (short)Tag.MaxFailedAttempts, nameof(TagBatchState.Voided)]);
        var posted = await PointsLedger.PostAsync(db, postings, now, cancellationToken, balanceRowsExist: tag.HasBalance, guard: gate);
        if (!posted.Guarded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new(StateOutcome(await ReadAsync(db, tagId, command.MemberId, cancellationToken), command.MemberId) ?? RegistrationOutcome.WrongCode);
        }

        var bonus = posted.Posted.Contains(bonusKey) ? tag.FirstItemBonus : 0;

        await sales.ConfirmSaleOfTagAsync(db, tagId, command.MemberId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(RegistrationOutcome.Registered, tag.Points, bonus, PromotionBonus: promotionBonus);
    }

    private static async Task<RegisterItemResult> CountWrongGuessAsync(IClubDb db, long tagId, Guid memberId, CancellationToken cancellationToken)
    {
        // Counted in the database, not per session: guesses from many accounts and addresses add up.
        var attempts = await db.Database.SqlQuery<short>($"""
            UPDATE tags SET failed_attempts = failed_attempts + 1
            WHERE id = {tagId} AND state = {(short)TagState.Issued} AND failed_attempts < {Tag.MaxFailedAttempts}
            RETURNING failed_attempts AS "Value"
            """).ToListAsync(cancellationToken);
        if (attempts.Count == 0)
        {
            return new(StateOutcome(await ReadAsync(db, tagId, memberId, cancellationToken), memberId) ?? RegistrationOutcome.Locked);
        }

        var left = Tag.MaxFailedAttempts - attempts[0];
        return left <= 0 ? new(RegistrationOutcome.Locked) : new(RegistrationOutcome.WrongCode, AttemptsLeft: left);
    }

    /// <summary>The tag and everything its registration needs to know, in one round trip.</summary>
    /// <remarks>
    /// A partner's promotion applies to the items of the batches shipped to that partner: the brand knows
    /// where each tag went, while the shop that sold it is known only if a seller recorded the sale.
    /// </remarks>
    private static Task<TagRow?> ReadAsync(IClubDb db, long tagId, Guid memberId, CancellationToken cancellationToken, DateTimeOffset? now = null) =>
        (from t in db.Tags.AsNoTracking()
         join b in db.TagBatches on t.BatchId equals b.Id
         join p in db.Products on b.ProductId equals p.Id
         join earned in db.ProductPoints on p.Id equals earned.ProductId
         where t.Id == tagId
         let points = earned.Points
         select new TagRow(
             t.State, t.FailedAttempts, t.ScratchHash, t.OwnerMemberId, b.State,
             points,
             db.PointsRules.Where(r => r.Kind == PointsRuleKind.FirstItemBonus).Select(r => (int?)r.Points).FirstOrDefault() ?? 0,
             db.Tags.Any(o => o.OwnerMemberId == memberId && o.Id != tagId),
             db.PointsBalances.Any(x => x.MemberId == memberId),
             db.Promotions
                .Where(x => now != null && x.StartsAt <= now && x.EndsAt > now
                    && (x.PartnerId == null || x.PartnerId == b.PartnerId)
                    && (x.Collection == null || x.Collection == p.Collection)
                    && (x.Category == null || x.Category == p.Category))
                .OrderByDescending(x => x.ExtraPoints + (double)x.Multiplier * points).ThenBy(x => x.Id)
                .Select(x => new PromotionRow(x.Id, x.ExtraPoints, x.Multiplier))
                .FirstOrDefault()))
        .SingleOrDefaultAsync(cancellationToken);

    /// <summary>The answer that needs no code, or null when the tag can still be registered.</summary>
    private static RegistrationOutcome? StateOutcome(TagRow? tag, Guid memberId) => tag switch
    {
        null => RegistrationOutcome.NotGenuine,
        { State: TagState.Registered } when tag.OwnerMemberId == memberId => RegistrationOutcome.AlreadyYours,
        { State: TagState.Registered } => RegistrationOutcome.RegisteredBySomeoneElse,
        { State: TagState.Voided } or { BatchState: TagBatchState.Voided } => RegistrationOutcome.Voided,
        { FailedAttempts: >= Tag.MaxFailedAttempts } => RegistrationOutcome.Locked,
        _ => null,
    };

    private sealed record TagRow(
        TagState State, short FailedAttempts, byte[] ScratchHash, Guid? OwnerMemberId, TagBatchState BatchState,
        int Points, int FirstItemBonus, bool HasOtherItems, bool HasBalance, PromotionRow? Promotion);

    private sealed record PromotionRow(int Id, int ExtraPoints, decimal Multiplier);
}
