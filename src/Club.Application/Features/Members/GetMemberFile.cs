using System.Globalization;
using Club.Application.Abstractions;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Catalog;
using Club.Domain.Members;
using Club.Domain.Points;
using Club.Domain.Sales;
using Club.Domain.Tags;
using Club.Domain.Verification;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Club.Application.Features.Members;

/// <summary>Everything the member desk shows about one member, newest first, each list capped.</summary>
public sealed record GetMemberFileQuery(Guid MemberId) : IQuery<MemberFile>;

public sealed record MemberFile(
    MemberProfile Profile,
    int Balance,
    int Debt,
    IReadOnlyList<MemberItem> Items,
    IReadOnlyList<MemberPointsLine> Points,
    IReadOnlyList<MemberOrder> Orders,
    IReadOnlyList<MemberSale> Sales,
    IReadOnlyList<MemberScan> Scans,
    IReadOnlyList<MemberReport> Reports,
    IReadOnlyList<MemberMail> Mails,
    IReadOnlyList<MemberAdjustment> Adjustments,
    IReadOnlyList<MemberOwnerChange> OwnerChanges);

public sealed record MemberProfile(
    Guid Id, string FullName, string? Email, bool EmailConfirmed, string? Phone, bool PhoneConfirmed, string? City, DateOnly? Birthday,
    string Culture, DateTimeOffset JoinedAt, DateTimeOffset? ConsentedAt, SellerStatus? SellerStatus, string? PartnerName, string? ShopName,
    IReadOnlyList<string> Roles, bool LockedOut, DateTimeOffset? DeactivatedAt = null, string? DeactivationReason = null);

public sealed record MemberItem(string Serial, string ProductName, string Sku, string BatchNumber, DateTimeOffset RegisteredAt);

/// <summary>One entry with the balance after it (entries minus debts would differ only while a debt is open).</summary>
public sealed record MemberPointsLine(long Id, DateTimeOffset At, int Amount, PointsReason Reason, string Source, int RunningTotal);

public sealed record MemberOrder(long Id, string GiftTitle, int Points, GiftOrderStatus Status, DateTimeOffset PlacedAt);

public sealed record MemberSale(long Id, string Serial, SaleState State, int Points, DateTimeOffset RecordedAt);

public sealed record MemberScan(string Serial, DateTimeOffset At, Verdict? Verdict, bool ByOwner);

public sealed record MemberReport(string Serial, string Message, DateTimeOffset At, bool Resolved);

public sealed record MemberMail(string Template, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, int Attempts, string? LastError);

public sealed record MemberAdjustment(Guid Id, int Amount, AdjustmentReason Reason, string Comment, bool ShowComment, AdjustmentState State, DateTimeOffset RequestedAt);

public sealed record MemberOwnerChange(string Serial, OwnerChangeKind Kind, bool ToThisMember, string Reason, int PointsMoved, DateTimeOffset At);

public sealed class GetMemberFileHandler(IClubDbFactory dbFactory, ITagCodes codes) : IQueryHandler<GetMemberFileQuery, MemberFile>
{
    /// <summary>Each list shows this many of its newest rows.</summary>
    public const int Take = 100;

    public async ValueTask<MemberFile> Handle(GetMemberFileQuery query, CancellationToken cancellationToken)
    {
        var id = query.MemberId;
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var profile = (await db.Database.SqlQuery<ProfileRow>($"""
            SELECT m.id, m.full_name, u.email, u.email_confirmed, u.phone_number AS phone, u.phone_number_confirmed AS phone_confirmed,
                   m.city, m.birthday, m.culture, m.joined_at, m.consented_at, m.seller_status, p.name AS partner_name, s.name AS shop_name,
                   ARRAY(SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = m.id ORDER BY r.name) AS roles,
                   COALESCE(u.lockout_end > now(), false) AS locked_out, u.deactivated_at,
                   CASE WHEN u.deactivated_at IS NOT NULL THEN (
                       SELECT a.after ->> 'reason' FROM audit_log a
                       WHERE a.entity_type = 'member' AND a.entity_id = m.id::text AND a.action = 'member.deactivate'
                       ORDER BY a.id DESC LIMIT 1) END AS deactivation_reason
            FROM members m JOIN users u ON u.id = m.id
            LEFT JOIN partners p ON p.id = m.partner_id LEFT JOIN shops s ON s.id = m.shop_id
            WHERE m.id = {id}
            """).ToListAsync(cancellationToken)).SingleOrDefault() ?? throw new NotFoundException("No such member.");

        var balance = await db.PointsBalances.Where(b => b.MemberId == id).Select(b => new { b.Balance, b.Debt }).SingleOrDefaultAsync(cancellationToken);
        var items = await (
                from t in db.Tags
                join b in db.TagBatches on t.BatchId equals b.Id
                join p in db.Products on b.ProductId equals p.Id
                where t.OwnerMemberId == id
                orderby t.RegisteredAt descending
                select new { t.Id, p.Name, p.Sku, BatchId = b.Id, t.RegisteredAt })
            .Take(Take).ToListAsync(cancellationToken);

        // The running total is over all the member's entries, not only the page shown.
        var points = await db.Database.SqlQuery<PointsRow>($"""
            SELECT id, created_at, amount, reason, reference_type, reference_id,
                   (sum(amount) OVER (ORDER BY id))::int AS running_total
            FROM points_entries WHERE member_id = {id}
            ORDER BY id DESC LIMIT {Take}
            """).ToListAsync(cancellationToken);
        var orders = await db.GiftOrders.Where(o => o.MemberId == id).OrderByDescending(o => o.Id).Take(Take)
            .Select(o => new MemberOrder(o.Id, o.GiftTitle, o.Points, o.Status, o.PlacedAt)).ToListAsync(cancellationToken);
        var sales = await db.Sales.Where(s => s.SellerId == id).OrderByDescending(s => s.Id).Take(Take)
            .Select(s => new { s.Id, s.TagId, s.State, s.Points, s.RecordedAt }).ToListAsync(cancellationToken);
        var tagIds = items.Select(i => i.Id).ToList();
        var scans = await db.TagScans.Where(s => s.TagId != null && tagIds.Contains(s.TagId.Value)).OrderByDescending(s => s.Id).Take(Take)
            .Select(s => new { TagId = s.TagId!.Value, s.ScannedAt, s.Verdict, s.MemberId }).ToListAsync(cancellationToken);
        var reports = await db.TagReports.Where(r => r.MemberId == id).OrderByDescending(r => r.Id).Take(Take)
            .Select(r => new { r.TagId, r.UnknownSerial, r.Message, r.CreatedAt, Resolved = r.Status == TagReportStatus.Resolved || r.Status == TagReportStatus.Rejected }).ToListAsync(cancellationToken);
        var mails = await db.MailOutbox.Where(m => m.MemberId == id).OrderByDescending(m => m.Id).Take(Take)
            .Select(m => new MemberMail(m.Template, m.CreatedAt, m.SentAt, m.Attempts, m.LastError)).ToListAsync(cancellationToken);
        var adjustments = await db.PointsAdjustments.Where(a => a.MemberId == id).OrderByDescending(a => a.RequestedAt).Take(Take)
            .Select(a => new MemberAdjustment(a.Id, a.Amount, a.Reason, a.Comment, a.ShowComment, a.State, a.RequestedAt)).ToListAsync(cancellationToken);
        var changes = await db.ItemOwnerChanges.Where(c => c.FromMemberId == id || c.ToMemberId == id).OrderByDescending(c => c.Id).Take(Take)
            .Select(c => new { c.TagId, c.Kind, c.ToMemberId, c.Reason, c.PointsMoved, c.ChangedAt }).ToListAsync(cancellationToken);

        return new MemberFile(
            new MemberProfile(profile.Id, profile.FullName, profile.Email, profile.EmailConfirmed, profile.Phone, profile.PhoneConfirmed, profile.City,
                profile.Birthday, profile.Culture, profile.JoinedAt, profile.ConsentedAt,
                profile.SellerStatus is null ? null : Enum.Parse<SellerStatus>(profile.SellerStatus), profile.PartnerName, profile.ShopName,
                profile.Roles, profile.LockedOut, profile.DeactivatedAt, profile.DeactivationReason),
            balance?.Balance ?? 0,
            balance?.Debt ?? 0,
            items.Select(i => new MemberItem(codes.SerialOf(i.Id), i.Name, i.Sku, TagBatch.FormatNumber(i.BatchId), i.RegisteredAt!.Value)).ToList(),
            points.Select(p => new MemberPointsLine(p.Id, p.CreatedAt, p.Amount, Enum.Parse<PointsReason>(p.Reason), SourceOf(p), p.RunningTotal)).ToList(),
            orders,
            sales.Select(s => new MemberSale(s.Id, codes.SerialOf(s.TagId), s.State, s.Points, s.RecordedAt)).ToList(),
            scans.Select(s => new MemberScan(codes.SerialOf(s.TagId), s.ScannedAt, s.Verdict, s.MemberId == id)).ToList(),
            reports.Select(r => new MemberReport(r.TagId is { } tag ? codes.SerialOf(tag) : r.UnknownSerial ?? "", r.Message, r.CreatedAt, r.Resolved)).ToList(),
            mails,
            adjustments,
            changes.Select(c => new MemberOwnerChange(codes.SerialOf(c.TagId), c.Kind, c.ToMemberId == id, c.Reason, c.PointsMoved, c.ChangedAt)).ToList());
    }

    /// <summary>The entry's source as staff read it: an item's serial, a sale or order number, else its kind and id.</summary>
    private string SourceOf(PointsRow row) => row.ReferenceType switch
    {
        PointsLedger.TagReference when long.TryParse(row.ReferenceId, NumberStyles.None, CultureInfo.InvariantCulture, out var tag) => codes.SerialOf(tag),
        PointsLedger.SaleReference or "gift-order" or "order" => $"{row.ReferenceType} №{row.ReferenceId}",
        _ => row.ReferenceType,
    };

    private sealed record ProfileRow(
        Guid Id, string FullName, string? Email, bool EmailConfirmed, string? Phone, bool PhoneConfirmed, string? City, DateOnly? Birthday,
        string Culture, DateTimeOffset JoinedAt, DateTimeOffset? ConsentedAt, string? SellerStatus, string? PartnerName, string? ShopName,
        string[] Roles, bool LockedOut, DateTimeOffset? DeactivatedAt, string? DeactivationReason);

    private sealed record PointsRow(long Id, DateTimeOffset CreatedAt, int Amount, string Reason, string ReferenceType, string ReferenceId, int RunningTotal);
}
