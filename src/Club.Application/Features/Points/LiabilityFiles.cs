using System.Globalization;
using System.Text;
using Club.Application.Features.Reports;
using MiniExcelLibs;

namespace Club.Application.Features.Points;

/// <summary>
/// The points liability page as files, with the page's numbers: XLSX with a sheet per table, and CSV
/// (semicolons, UTF-8 with a byte-order mark, like the partner report) with the table's name in the
/// first column. Labels in the reader's language (ru or en).
/// </summary>
public static class LiabilityFiles
{
    public static string FileName(PointsLiability liability, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"points-liability-{liability.At:yyyy-MM-dd}.{extension}");

    public static byte[] ToCsv(PointsLiability liability, string culture)
    {
        var t = Texts(culture);
        var numbers = CultureInfo.GetCultureInfo(culture == "en" ? "en" : "ru");
        var text = new StringBuilder();
        void Line(params object?[] cells) => text.AppendJoin(';', cells.Select(c => ReportFiles.Cell(c, numbers))).Append("\r\n");

        Line(t.Table, t.Line, t.Points, t.Lots);
        foreach (var (name, value) in Totals(liability, t))
        {
            Line(t.Totals, name, value, null);
        }

        foreach (var (table, lines) in Breakdowns(liability, t))
        {
            foreach (var line in lines)
            {
                Line(table, line.Name ?? t.None, line.Points, line.Lots);
            }
        }

        Line(t.Month, t.Redeemed, t.Refunded, t.Expired);
        foreach (var month in liability.RedeemedByMonth)
        {
            Line(month.Month, month.Redeemed, month.Refunded, month.Expired);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] ToXlsx(PointsLiability liability, string culture)
    {
        var t = Texts(culture);
        var sheets = new Dictionary<string, object>
        {
            [t.Totals] = Totals(liability, t).Select(x => new Dictionary<string, object?> { [t.Line] = x.Name, [t.Points] = x.Value }).ToList(),
        };
        foreach (var (table, lines) in Breakdowns(liability, t))
        {
            sheets[table] = lines.Select(l => new Dictionary<string, object?> { [t.Line] = l.Name ?? t.None, [t.Points] = l.Points, [t.Lots] = l.Lots }).ToList();
        }

        sheets[t.RedeemedSheet] = liability.RedeemedByMonth
            .Select(m => new Dictionary<string, object?> { [t.Month] = m.Month, [t.Redeemed] = m.Redeemed, [t.Refunded] = m.Refunded, [t.Expired] = m.Expired })
            .ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    private static (string Name, long Value)[] Totals(PointsLiability l, LiabilityTexts t) =>
    [
        (t.Outstanding, l.Outstanding), (t.Debts, l.Debts), (t.In30, l.ExpiringIn30Days), (t.In90, l.ExpiringIn90Days),
    ];

    private static (string Table, IReadOnlyList<LiabilityLine> Lines)[] Breakdowns(PointsLiability l, LiabilityTexts t) =>
        [(t.ByPartner, l.ByPartner), (t.ByBatch, l.ByBatch), (t.ByMonth, l.ByMonthEarned)];

    private static LiabilityTexts Texts(string culture) => culture == "en" ? English : Russian;

    private static readonly LiabilityTexts English = new(
        "Table", "Line", "Points", "Open credits", "Totals", "No partner or batch", "Month", "Redeemed", "Refunded", "Expired", "Redeemed by month",
        "Points outstanding", "Debts", "Expiring within 30 days", "Expiring within 90 days", "By partner", "By batch", "By month earned");

    private static readonly LiabilityTexts Russian = new(
        "Таблица", "Строка", "Баллы", "Открытых начислений", "Итоги", "Без партнёра и партии", "Месяц", "Списано на подарки", "Возвращено", "Сгорело", "Списания по месяцам",
        "Баллов на счетах", "Долги", "Сгорят в ближайшие 30 дней", "Сгорят в ближайшие 90 дней", "По партнёрам", "По партиям", "По месяцу начисления");

    private sealed record LiabilityTexts(
        string Table, string Line, string Points, string Lots, string Totals, string None, string Month, string Redeemed, string Refunded, string Expired,
        string RedeemedSheet, string Outstanding, string Debts, string In30, string In90, string ByPartner, string ByBatch, string ByMonth);
}
