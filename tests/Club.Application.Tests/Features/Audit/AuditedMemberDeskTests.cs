using Club.Application.Features.Members;
using Club.Application.Features.Points;
using Club.Application.Features.Privacy;
using Club.Application.Features.Registration;
using Club.Application.Tests.Features.Activities;
using Club.Application.Tests.Features.Registration;
using Club.Domain.Points;
using Club.Domain.Privacy;
using Club.Testing;
using static Club.Application.Tests.Features.Audit.AuditAssert;
using static Club.Application.Tests.Features.Audit.AuditTestKit;

namespace Club.Application.Tests.Features.Audit;

/// <summary>The member desk: items, points corrections, accounts and consents, each audit row with the values before and after.</summary>
[Collection(AuditedActions.Name)]
public class AuditedMemberDeskTests(AuditActorFixture db)
{
    private static readonly string Templates = RepositoryRoot.Combine("samples", "labels");

    [Fact]
    public async Task An_item_reassigned_and_returned_is_logged_with_its_old_and_new_owner()
    {
        var (giver, tag, points) = await ItemDeskSupport.BuyerWithItemAsync(db);
        var (wife, wifeEmail) = await TestTags.CreateBuyerAsync(db.Services);
        var staff = await db.IdOfAsync("manager@club.demo");
        await db.OkAsync(new ReassignItemCommand(tag.Serial, wifeEmail, "Подарок жене", true, staff));
        var returned = await db.SendAsync<ReturnItemResult>(new ReturnItemCommand(tag.Serial, "Вернули в магазин", staff, Templates));
        returned.Error.Should().BeNull();

        var tagId = Id(ItemDeskSupport.TagId(db, tag.Serial));
        var reassign = await RowAsync(db, "item.reassign", "tag", tagId);
        Changed(reassign, "owner", giver, wife);
        After(reassign, "reason", "Подарок жене");
        After(reassign, "pointsMoved", points - await ItemDeskSupport.FirstItemBonusAsync(db, giver));
        reassign.MemberId.Should().Be(wife);
        var back = await RowAsync(db, "item.return", "tag", tagId);
        Changed(back, "owner", wife, null);
        After(back, "pointsTakenBack", returned.PointsTakenBack);
        After(back, "reason", "Вернули в магазин");
        back.MemberId.Should().Be(wife);
    }

    [Fact]
    public async Task A_large_correction_is_logged_with_its_state_before_and_after_when_approved_or_rejected()
    {
        var (member, _) = await TestTags.CreateBuyerAsync(db.Services);
        var (manager, admin) = (await db.IdOfAsync("manager@club.demo"), await db.IdOfAsync("admin@club.demo"));
        var large = new PointsSettings().AdjustmentApprovalLimit + 1;
        var (approved, rejected) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var id in new[] { approved, rejected })
        {
            (await db.SendAsync<AdjustPointsResult>(new AdjustPointsCommand(id, member, large, AdjustmentReason.Goodwill, "Большая поправка", false, manager, false)))
                .State.Should().Be(AdjustmentState.AwaitingApproval);
        }

        await db.OkAsync(new DecideAdjustmentCommand(approved, true, admin));
        await db.OkAsync(new DecideAdjustmentCommand(rejected, false, admin));

        var approval = await RowAsync(db, "points.adjust.approve", PointsAdjustment.ReferenceType, approved.ToString("D"));
        Changed(approval, "state", AdjustmentState.AwaitingApproval, AdjustmentState.Posted);
        After(approval, "amount", large);
        approval.MemberId.Should().Be(member);
        Changed(await RowAsync(db, "points.adjust.reject", PointsAdjustment.ReferenceType, rejected.ToString("D")), "state",
            AdjustmentState.AwaitingApproval, AdjustmentState.Rejected);
    }

    [Fact]
    public async Task A_member_reactivated_and_a_consent_recorded_by_staff_are_logged_with_the_old_and_new_value()
    {
        var (member, _) = await TestTags.CreateBuyerAsync(db.Services);
        var staff = await db.IdOfAsync("admin@club.demo");
        (await db.SendAsync<SetMemberActiveResult>(new SetMemberActiveCommand(member, false, "Проверка", staff))).Error.Should().BeNull();
        (await db.SendAsync<SetMemberActiveResult>(new SetMemberActiveCommand(member, true, "Разобрались", staff))).Error.Should().BeNull();
        await db.OkAsync(new RecordMemberConsentCommand(member, ConsentKinds.PartnerLookup, true, staff));

        var reactivated = await RowAsync(db, "member.reactivate", "member", member.ToString());
        Changed(reactivated, "active", false, true);
        After(reactivated, "reason", "Разобрались");
        reactivated.MemberId.Should().Be(member);
        var consent = await RowAsync(db, "consent.recorded", "member", member.ToString());
        Changed(consent, "kind", ConsentKinds.PartnerLookup, ConsentKinds.PartnerLookup);
        Changed(consent, "granted", false, true);
    }

    [Fact]
    public async Task A_deletion_request_is_logged_when_recorded_cancelled_and_carried_out()
    {
        var staff = await db.IdOfAsync("manager@club.demo");
        var (staying, _) = await TestTags.CreateBuyerAsync(db.Services);
        var (leaving, _) = await TestTags.CreateBuyerAsync(db.Services);
        var recorded = await db.SendAsync<AccountDeletionResult>(new RequestAccountDeletionCommand(staying, null, staff));
        await db.OkAsync(new CancelAccountDeletionCommand(staying, staff));
        (await db.SendAsync<AccountDeletionResult>(new RequestAccountDeletionCommand(leaving, null, staff))).Succeeded.Should().BeTrue();
        await db.SqlAsync($"UPDATE account_deletions SET due_at = now() - interval '1 minute' WHERE member_id = {leaving}");
        (await db.SendAsync<int>(new EraseDueAccountsCommand())).Should().BeGreaterThanOrEqualTo(1);

        Created(await RowAsync(db, "account-deletion.recorded", "member", staying.ToString()), "dueAt", recorded.DueAt);
        var cancelled = await RowAsync(db, "account-deletion.cancelled", "member", staying.ToString());
        Removed(cancelled, "dueAt", recorded.DueAt);
        cancelled.MemberId.Should().Be(staying);
        var erased = await RowAsync(db, "account.erased", "member", leaving.ToString());
        Before(erased, "erasedAt", null);
        AfterValue(erased, "erasedAt").Should().NotBe("null");
        (erased.MemberId, erased.PersonalValue).Should().Be(((Guid?)null, (string?)null), "an erased account leaves no personal value behind");
    }

    [Fact]
    public async Task A_legal_document_version_is_logged_when_published()
    {
        var staff = await db.IdOfAsync("admin@club.demo");
        var published = await db.SendAsync<PublishLegalDocumentResult>(new PublishLegalDocumentCommand(LegalDocumentKinds.Privacy, "Политика", "Policy", staff));
        published.Succeeded.Should().BeTrue();

        Created(await RowAsync(db, "legal-document.published", LegalDocumentKinds.Privacy, Id(published.Version)), "version", published.Version);
    }
}
