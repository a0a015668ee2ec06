using Club.Application.Abstractions;
using Club.Application.Features.Audit;
using Club.Application.Features.Tags;
using Club.Domain.Tags;
using Club.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Club.Application.Tests.Features.Audit;

public class AuditTrailTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_change_saved_with_its_context_is_logged_with_actor_and_values()
    {
        var id = Guid.NewGuid().ToString("N");

        await RecordAsync(new AuditChange("test.saved", "thing", id, new { Name = "old" }, new { Name = "new" }), save: true);

        var row = await SingleAsync(id);
        (row.Action, row.ActorName, row.ActorId, row.ClientAddress).Should().Be(("test.saved", BackgroundActor.System, null, null));
        row.Before.Should().Contain("\"name\"").And.Contain("old");
        row.After.Should().Contain("new");
    }

    [Fact]
    public async Task Inside_a_transaction_the_row_commits_or_rolls_back_with_it()
    {
        var committed = Guid.NewGuid().ToString("N");
        var rolledBack = Guid.NewGuid().ToString("N");

        await InTransactionAsync(committed, commit: true);
        await InTransactionAsync(rolledBack, commit: false);

        (await CountAsync(committed)).Should().Be(1);
        (await CountAsync(rolledBack)).Should().Be(0);
    }

    [Fact]
    public async Task A_change_never_saved_leaves_no_row()
    {
        var id = Guid.NewGuid().ToString("N");

        await RecordAsync(new AuditChange("test.unsaved", "thing", id, null, new { X = 1 }), save: false);

        (await CountAsync(id)).Should().Be(0);
    }

    [Fact]
    public async Task A_refused_staff_action_leaves_no_row_and_a_done_one_leaves_one()
    {
        var folder = Tags.TagBatchTestSupport.TempFolder();
        var created = await db.SendAsync<CreateTagBatchResult>(Tags.TagBatchTestSupport.NewBatch(folder, quantity: 3));
        var batchId = created.Batch!.BatchId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var refused = await db.SendAsync<Result>(new ChangeTagBatchStateCommand(created.Batch.BatchId, TagBatchState.Active));
        refused.Succeeded.Should().BeFalse();
        (await CountAsync(batchId, "batch.state")).Should().Be(0);

        var done = await db.SendAsync<Result>(new ChangeTagBatchStateCommand(created.Batch.BatchId, TagBatchState.Printed));
        done.Succeeded.Should().BeTrue();
        (await CountAsync(batchId, "batch.state")).Should().Be(1);
        var row = await SingleAsync(batchId, "batch.state");
        row.EntityType.Should().Be("tag-batch");
        row.Before.Should().Contain("Generated");
        row.After.Should().Contain("Printed");
    }

    [Fact]
    public async Task Rows_cannot_be_changed_deleted_or_truncated()
    {
        var id = Guid.NewGuid().ToString("N");
        await RecordAsync(new AuditChange("test.fixed", "thing", id, null, new { X = 1 }), save: true);
        await using var context = await ContextAsync();

        var update = () => context.Database.ExecuteSqlAsync($"UPDATE audit_log SET action = 'other' WHERE entity_id = {id}");
        var after = () => context.Database.ExecuteSqlAsync($"UPDATE audit_log SET after = NULL WHERE entity_id = {id}");
        var delete = () => context.Database.ExecuteSqlAsync($"DELETE FROM audit_log WHERE entity_id = {id}");
        var truncate = () => context.Database.ExecuteSqlAsync($"TRUNCATE audit_log");

        await update.Should().ThrowAsync<PostgresException>().WithMessage("*append-only*");
        await after.Should().ThrowAsync<PostgresException>().WithMessage("*append-only*");
        await delete.Should().ThrowAsync<PostgresException>().WithMessage("*append-only*");
        await truncate.Should().ThrowAsync<PostgresException>().WithMessage("*append-only*");
        (await CountAsync(id)).Should().Be(1);
    }

    [Fact]
    public async Task Erasing_a_member_clears_only_their_personal_value_and_id()
    {
        var member = Guid.NewGuid();
        var other = Guid.NewGuid();
        var id = Guid.NewGuid().ToString("N");
        await RecordAsync(new AuditChange("member.points", "member", id, new { Points = 1 }, new { Points = 2 }, member, "erase@example.com"), save: true);
        await RecordAsync(new AuditChange("member.points", "member", id, null, null, other, "keep@example.com"), save: true);
        await using var context = await ContextAsync();

        var otherValue = () => context.Database.ExecuteSqlAsync($"UPDATE audit_log SET personal_value = 'changed' WHERE member_id = {member}");
        await otherValue.Should().ThrowAsync<PostgresException>().WithMessage("*append-only*");

        (await AuditErasure.EraseMemberAsync(context, member, default)).Should().Be(1);

        var rows = await context.AuditLog.AsNoTracking().Where(e => e.EntityId == id).OrderBy(e => e.Id).ToListAsync();
        (rows[0].MemberId, rows[0].PersonalValue, rows[0].Action).Should().Be((null, null, "member.points"));
        rows[0].After.Should().Contain("2");
        (rows[1].MemberId, rows[1].PersonalValue).Should().Be((other, "keep@example.com"));
    }

    [Fact]
    public async Task Recording_without_a_handler_context_is_a_programming_error()
    {
        var audit = db.Services.GetRequiredService<IAuditTrail>();

        var act = () => audit.RecordAsync(new AuditChange("test.none", "thing", "1", null, null), default);

        await act.Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task The_list_filters_by_person_entity_and_club_day()
    {
        var id = Guid.NewGuid().ToString("N");
        await RecordAsync(new AuditChange("test.listed", "listed-thing", id, null, new { X = 1 }), save: true);

        var mine = await db.SendAsync<AuditPage>(new ListAuditLogQuery(Actor: "SYST", EntityType: "listed-thing", EntityId: id));
        var nobody = await db.SendAsync<AuditPage>(new ListAuditLogQuery(Actor: "nobody@", EntityType: "listed-thing"));
        var lastYear = await db.SendAsync<AuditPage>(new ListAuditLogQuery(EntityType: "listed-thing", To: new DateOnly(2020, 1, 1)));

        mine.Rows.Should().ContainSingle().Which.EntityId.Should().Be(id);
        mine.EntityTypes.Should().Contain("listed-thing");
        nobody.Rows.Should().BeEmpty();
        lastYear.Rows.Should().BeEmpty();
    }

    private async Task RecordAsync(AuditChange change, bool save)
    {
        await using var scope = db.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IClubDbFactory>();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        await using var context = await factory.CreateAsync();
        await audit.RecordAsync(change, default);
        if (save)
        {
            await context.SaveChangesAsync();
        }
    }

    private async Task InTransactionAsync(string id, bool commit)
    {
        await using var scope = db.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IClubDbFactory>();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        await using var context = await factory.CreateAsync();
        await using var transaction = await context.Database.BeginTransactionAsync();
        await audit.RecordAsync(new AuditChange("test.tx", "thing", id, null, new { X = 1 }), default);
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }
    }

    private async Task<IClubDb> ContextAsync() => await db.Services.GetRequiredService<IClubDbFactory>().CreateAsync();

    private async Task<int> CountAsync(string entityId, string? action = null)
    {
        await using var context = await ContextAsync();
        return await context.AuditLog.CountAsync(e => e.EntityId == entityId && (action == null || e.Action == action));
    }

    private async Task<Club.Domain.Audit.AuditEntry> SingleAsync(string entityId, string? action = null)
    {
        await using var context = await ContextAsync();
        return await context.AuditLog.AsNoTracking().SingleAsync(e => e.EntityId == entityId && (action == null || e.Action == action));
    }
}
