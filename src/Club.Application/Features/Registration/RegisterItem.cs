using System.Globalization;
using System.Text.Json;
using Club.Application.Abstractions;
using Club.Application.Features.Collector;
using Club.Application.Features.PartnerApi;
using Club.Application.Features.Mail;
using Club.Application.Features.Points;
using Club.Application.Features.Points.Ledger;
using Club.Application.Features.Tags;
using Club.Application.Features.Verification;
using Club.Application.Features.Welcome;
using Club.Application.Observability;
using Club.Domain.Activities;
using Club.Domain.Collector;
using Club.Domain.Points;
using Club.Domain.Tags;
using Club.Domain.Verification;
using Club.Domain.Welcome;
using Mediator;

namespace Club.Application.Features.Registration;

/// <summary>
/// A buyer registers the item behind a tag with the scratch code found under its foil. ClientAddress is
/// the request's address: wrong codes are limited per network too.
/// </summary>
public sealed record RegisterItemCommand(Guid MemberId, string? Serial, string? ScratchCode, string? ClientAddress = null) : ICommand<RegisterItemResult>;

public enum RegistrationOutcome
{
    Registered,

    /// <summary>The buyer registered it before (a double click or a retry): same answer, no new points.</summary>
    AlreadyYours,
    RegisteredBySomeoneElse,
    NotGenuine,
    Voided,

    /// <summary>The tag's batch is not on sale yet: a print file in the wrong hands must not earn points.</summary>
    NotReleased,

    /// <summary>Refused before the code was compared: the account or its network has entered too many wrong codes today.</summary>
    TooManyWrongCodes,

    /// <summary>Refused before the code was compared: the tag pauses after many wrong codes, and this account has made mistakes today.</summary>
    GuessingPaused,

    /// <summary>Not a scratch code at all (wrong length or symbols); no guess counted.</summary>
    MalformedCode,

    /// <summary>The check character does not fit: a typo, caught without counting a guess.</summary>
    Typo,
    WrongCode,

    /// <summary>The member's account is deactivated (a session from before the deactivation): points are frozen, nothing registered.</summary>
    AccountDeactivated,
}

/// <summary>
/// AttemptsLeft: wrong codes the account may still enter for the tag today; RetryAt: when a refused guess may be tried again;
/// Tag: the tag as the scan page shows it after this registration (null when the serial names no tag).
/// </summary>
public sealed record RegisterItemResult(
    RegistrationOutcome Outcome, int Points = 0, int Bonus = 0, int AttemptsLeft = 0, int PromotionBonus = 0, DateTimeOffset? RetryAt = null, int WelcomeBonus = 0, int ReferralBonus = 0,
    ScanVerdict? Tag = null)
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
        RegistrationOutcome.AccountDeactivated => "This account is deactivated. Contact the club to have it reactivated.",
        RegistrationOutcome.NotReleased => "This tag has not been released for sale yet, so it cannot be registered. If you bought the item in a shop, please tell the brand.",
        RegistrationOutcome.TooManyWrongCodes => "Too many wrong codes were entered from this account or network today, so this code was not checked. Please try again later.",
        RegistrationOutcome.GuessingPaused => "Many wrong codes were entered for this tag, so it is paused: for now only an account that has entered no wrong code today can try. If this is your item, enter the code from your own account, or wait. Nobody can register it without the code.",
        RegistrationOutcome.MalformedCode => "A scratch code has 11 letters and digits, like K7QM-2XRB-9TD. Please check it.",
        RegistrationOutcome.Typo => "There seems to be a typo in the code: please check each character. This did not count as an attempt.",
        _ => "The code does not match this tag.",
    };
}

public sealed class RegisterItemHandler(
    IClubDbFactory dbFactory, ITagCodes codes, ISaleConfirmations sales, IPublicAddress address, IScanLog scanLog, PointsSettings settings, TimeProvider clock)
    : ICommandHandler<RegisterItemCommand, RegisterItemResult>
{
    public async ValueTask<RegisterItemResult> Handle(RegisterItemCommand command, CancellationToken cancellationToken)
    {
        var result = await RegisterAsync(command, cancellationToken);
        ClubMetrics.Registration(result.Outcome);
        return result;
    }

    private async ValueTask<RegisterItemResult> RegisterAsync(RegisterItemCommand command, CancellationToken cancellationToken)
    {
        if (codes.TryDecodeSerial(command.Serial, out var tagId) is not SerialCheck.Valid)
        {
            return new(RegistrationOutcome.NotGenuine);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var parsed = codes.TryParseScratch(command.ScratchCode, out var canonical);

        // One transaction from the first read: a well-formed code's guess takes its allowances in the same
        // statement as the facts (ScratchGuesses), before anyone knows whether the code is right; a wrong
        // code keeps them, a right one gives them back with its credits, anything else rolls back.
        var keys = parsed is SerialCheck.Valid ? ScratchGuesses.Keys.Of(tagId, command.MemberId, command.ClientAddress, now) : null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tag = await RegistrationFacts.ReadAsync(db, tagId, command.MemberId, now, settings.Zone, cancellationToken, keys);
        if (tag is null)
        {
            return new(RegistrationOutcome.NotGenuine);
        }

        if (Settled(tag) is { } settled)
        {
            return Shown(new(settled), tagId, tag, now);
        }

        switch (parsed)
        {
            case SerialCheck.Malformed: return Shown(new(RegistrationOutcome.MalformedCode), tagId, tag, now);
            case SerialCheck.WrongCheckCharacter: return Shown(new(RegistrationOutcome.Typo), tagId, tag, now);
        }

        // Over a limit the guess is refused unchecked, so a right code there is refused too.
        var reservation = tag.Guess!;
        if (ScratchGuesses.Refusal(reservation, keys!, now) is { } refusal)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Shown(new(refusal.Outcome, RetryAt: refusal.RetryAt), tagId, tag, now);
        }

        if (!codes.ScratchMatches(canonical, tag.ScratchHash))
        {
            var pausedUntil = await ScratchGuesses.CountOnTagAsync(db, tagId, keys!, reservation, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Shown(new(RegistrationOutcome.WrongCode, AttemptsLeft: ScratchGuesses.AttemptsLeft(reservation)), tagId, tag, now, pausedUntil);
        }

        // A session from before a deactivation: the points are frozen (read with the tag, so the ledger need not ask again).
        if (tag.Deactivated)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Shown(new(RegistrationOutcome.AccountDeactivated), tagId, tag, now);
        }

        var reference = tagId.ToString(CultureInfo.InvariantCulture);

        // A returned item is registered again with its new code: its credits need keys of their own,
        // as the earlier buyer's were taken (and reversed). The first registration keeps the plain keys.
        var round = tag.Returns == 0 ? "" : $":{tag.Returns}";

        // The bonus goes first: every registration then takes the bonus key before the balance row, so
        // one buyer's parallel first registrations queue in one order and cannot deadlock. tag_terms
        // offers the bonus while the key is unused; the key's uniqueness makes it once only even for
        // parallel registrations, which cannot see each other's uncommitted entries.
        var postings = new List<PointsPosting>(2);
        var bonusKey = TagTerms.FirstItemBonusKey(command.MemberId);
        if (tag.FirstItemBonus > 0)
        {
            postings.Add(new PointsPosting(command.MemberId, tag.FirstItemBonus, PointsReason.FirstItemBonus, PointsLedger.TagReference, reference, bonusKey));
        }

        // The member's own multipliers (their tier, an opened Collector status, both read with the tag) are
        // part of the registration's one posting, so they are paid exactly once with it; BonusStacking combines them.
        var multiplier = BonusStacking.RegistrationMultiplier(tier: tag.TierMultiplier, collector: tag.CollectorMultiplier);
        var points = (int)Math.Round(tag.Points * multiplier, MidpointRounding.AwayFromZero);
        if (points > 0)
        {
            postings.Add(new PointsPosting(command.MemberId, points, PointsReason.ItemRegistered, PointsLedger.TagReference, reference, $"register:{tagId}{round}"));
        }

        // The most generous promotion running for the item (read with the tag) is a posting of its own
        // under the same gate, so it is paid with the registration or not at all, and once per tag.
        var promotionBonus = tag.PromotionId is not null ? Math.Max(0, Promotion.BonusFor(tag.Points, tag.PromotionExtraPoints!.Value, tag.PromotionMultiplier!.Value)) : 0;
        if (promotionBonus > 0)
        {
            postings.Add(new PointsPosting(command.MemberId, promotionBonus, PointsReason.PromotionBonus, PointsLedger.TagReference, reference, $"promo:{tag.PromotionId}:{tagId}{round}"));
        }

        // The one gate, in the same statement as the credits: concurrent registrations of the same tag
        // queue on its row, and only the first still finds it Issued; the rest move nothing, credit
        // nothing, and report what the winner left. The rest of the rule is tag_terms' verdict.
        var gate = new LedgerGuard(
            """
            UPDATE tags SET state = {0}, owner_member_id = {1}, registered_at = {2}
            WHERE id = {3} AND state = {4}
              AND (SELECT t.verdict FROM tag_terms({3}, {1}, {2}) t) = {5}
            RETURNING id
            """,
            [(short)TagState.Registered, command.MemberId, now, tagId, (short)TagState.Issued, nameof(Verdict.Available)]);
        // The buyer's mail goes in the ledger's statement, with the points its entries credited, unless a
        // welcome or referral bonus may still join them below (once per member): then it is queued after those.
        var mailLater = tag.WelcomeMayBeDue || tag.Invited;
        var mailKey = $"item-registered:{tagId}{round}";
        var mail = mailLater ? null : new LedgerPostingMail(mailKey, command.MemberId, RegisteredMailTemplate, RegisteredMailJson(tagId, tag.Name, points: null), MailPointsField);
        LedgerResult posted;
        try
        {
            posted = await PointsLedger.PostAsync(db, postings, now, cancellationToken, balanceRowsExist: tag.HasBalance, guard: gate, membersSeenActive: true,
                mail: mail, alongside: ScratchGuesses.GiveBack(keys!, reservation));
        }
        catch (PointsFrozenException)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Shown(new(RegistrationOutcome.AccountDeactivated), tagId, tag, now);
        }

        if (!posted.Guarded)
        {
            // Another registration won the tag meanwhile: the answer and the page show what it left.
            await transaction.RollbackAsync(cancellationToken);
            var winner = await RegistrationFacts.ReadAsync(db, tagId, command.MemberId, now, settings.Zone, cancellationToken);
            return Shown(new(Settled(winner) ?? RegistrationOutcome.WrongCode), tagId, winner ?? tag, now);
        }

        var bonus = posted.Posted.Contains(bonusKey) ? tag.FirstItemBonus : 0;

        // The welcome bonus (when the first item is what pays it) joins only the bonuses the stacking
        // table lets it meet; otherwise it waits for a later registration.
        var paidWith = new List<Bonus>(3);
        if (bonus > 0)
        {
            paidWith.Add(Bonus.FirstItem);
        }

        if (promotionBonus > 0)
        {
            paidWith.Add(Bonus.Promotion);
        }

        // The steps below run only when the read found something for them to do (RegistrationFacts).
        var welcome = tag.WelcomeMayBeDue && BonusStacking.CombinesWithAll(Bonus.Welcome, paidWith)
            ? await WelcomeBonus.PayIfDueAsync(db, command.MemberId, WelcomeBonusTrigger.FirstItem, now, cancellationToken)
            : 0;
        if (welcome > 0)
        {
            paidWith.Add(Bonus.Welcome);
        }

        // An invited friend's first registration pays both (the friend's share is in this result).
        var referral = tag.Invited && BonusStacking.CombinesWithAll(Bonus.Referral, paidWith)
            ? await Referrals.Referrals.PayIfDueAsync(db, command.MemberId, tagId, settings.TimeZone, now, cancellationToken)
            : 0;

        if (tag.SaleAwaitsBuyer)
        {
            await sales.ConfirmSaleOfTagAsync(db, tagId, command.MemberId, now, cancellationToken);
        }

        if (tag.PartnerListens)
        {
            await PartnerEvents.ItemRegisteredAsync(db, tagId, codes.SerialOf(tagId), now, cancellationToken);
        }

        if (mailLater)
        {
            await MailOutboxWriter.InsertAsync(db.Database, mailKey, command.MemberId, RegisteredMailTemplate,
                RegisteredMailJson(tagId, tag.Name, points: points + bonus + promotionBonus + welcome + referral), [], now, cancellationToken);
        }

        // The hidden status at once when this year's items (this one included) reach the threshold.
        if (tag.CollectorMayBeDue)
        {
            var year = CollectorYears.Of(now, settings.Zone);
            await CollectorYears.GrantAsync(db, year, year, CollectorGrant.Registration, command.MemberId, settings.Zone, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Shown(new(RegistrationOutcome.Registered, points, bonus, PromotionBonus: promotionBonus, WelcomeBonus: welcome, ReferralBonus: referral), tagId, tag, now);
    }

    /// <summary>
    /// The result with the tag as the scan page would read it now, from what this registration read and wrote:
    /// registered to the buyer, or as read (with a wrong code's pause, <paramref name="pausedUntil"/>).
    /// </summary>
    private RegisterItemResult Shown(RegisterItemResult result, long tagId, RegistrationFactsRow facts, DateTimeOffset now, DateTimeOffset? pausedUntil = null)
    {
        var registered = result.Outcome == RegistrationOutcome.Registered;
        var row = facts.AsScanned(registered ? Verdict.Yours : facts.TagVerdict, registered ? now : facts.RegisteredAt, pausedUntil ?? facts.GuessingPausedUntil);
        var contact = facts.SupportEmail is { } email ? new BrandContact(email, facts.SupportPhone) : null;
        return result with { Tag = ScanVerdict.Of(codes.SerialOf(tagId), row, facts.Scans + scanLog.Unwritten(tagId), contact, now) };
    }

    public const string RegisteredMailTemplate = "ItemRegistered";

    /// <summary>The field of the buyer's mail that tells the points credited.</summary>
    private const string MailPointsField = "Points";

    /// <summary>The values of the buyer's mail (product, serial, certificate link), with the points when already known.</summary>
    private string RegisteredMailJson(long tagId, string product, int? points)
    {
        var serial = codes.SerialOf(tagId);
        var values = new Dictionary<string, string>
        {
            ["Product"] = product,
            ["Serial"] = serial,
            ["Link"] = address.Link($"/cabinet/items/{serial}"),
        };
        if (points is { } known)
        {
            values[MailPointsField] = known.ToString(CultureInfo.InvariantCulture);
        }

        return JsonSerializer.Serialize(values);
    }

    /// <summary>The answer that needs no code, or null when the tag can still be registered.</summary>
    private static RegistrationOutcome? Settled(RegistrationFactsRow? tag) => tag?.TagVerdict switch
    {
        null or Verdict.NotGenuine => RegistrationOutcome.NotGenuine,
        Verdict.Voided => RegistrationOutcome.Voided,
        Verdict.Yours => RegistrationOutcome.AlreadyYours,
        Verdict.SomeoneElses => RegistrationOutcome.RegisteredBySomeoneElse,
        Verdict.NotReleased => RegistrationOutcome.NotReleased,
        _ => null,
    };
}
