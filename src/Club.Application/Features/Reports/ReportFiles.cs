using System.Globalization;
using System.Text;
using Club.Application.Abstractions;
using MiniExcelLibs;

namespace Club.Application.Features.Reports;

/// <summary>
/// The report as files: CSV and XLSX with exactly the rows and numbers of the page (same query, same
/// order). Seller rows and shop rows count the same sales, so they never share a table: the XLSX has a
/// sheet for each, and each CSV holds one kind (summing a column then counts every sale once).
/// Headers in the reader's language (ru or en).
/// </summary>
public static class ReportFiles
{
    /// <summary>The rows a CSV link asks for (`rows=shops`, `partners`, `contests`); anything else means the sellers.</summary>
    public static ReportCsvRows ParseRows(string? value) => value?.ToLowerInvariant() switch
    {
        "shops" => ReportCsvRows.Shops,
        "partners" => ReportCsvRows.Partners,
        "contests" => ReportCsvRows.Contests,
        _ => ReportCsvRows.Sellers,
    };

    private static readonly string[] English =
    [
        "Partner", "Shop", "Seller", "Registered buyers", "Registered items", "Sales recorded", "Confirmed by buyers", "Declined by buyers",
        "Courses completed", "Tests passed", "Points earned", "Points spent", "Seller promotion points", "Average rating", "Ratings",
    ];

    private static readonly string[] Russian =
    [
        "Партнёр", "Магазин", "Продавец", "Покупателей с регистрациями", "Зарегистрировано изделий", "Продаж записано", "Подтверждено покупателями", "Отклонено покупателями",
        "Курсов пройдено", "Тестов сдано", "Баллов начислено", "Баллов потрачено", "Баллов по акциям для продавцов", "Средняя оценка", "Оценок",
    ];

    private static readonly string[] PartnerEnglish = ["Partner", "Budget topped up", "Budget spent on bonuses", "Seller promotion points"];
    private static readonly string[] PartnerRussian = ["Партнёр", "Бюджет пополнен", "Бюджет потрачен на премии", "Баллов по акциям для продавцов"];

    private static readonly string[] ContestEnglish = ["Contest", "Partner", "Starts", "Ends", "Entrants", "Winners", "Winner points paid", "Prize"];
    private static readonly string[] ContestRussian = ["Конкурс", "Партнёр", "Начало", "Окончание", "Участников", "Победителей", "Баллов победителям", "Приз"];

    public static string FileName(PartnerReport report, string extension, ReportCsvRows? rows = null) =>
        string.Create(CultureInfo.InvariantCulture,
            $"club-report-{(rows is { } kind ? kind.ToString().ToLowerInvariant() + "-" : "")}{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.{extension}");

    /// <summary>
    /// UTF-8 with a byte-order mark and semicolons, which spreadsheet programs in Russia open as columns; the
    /// average rating with the reader's decimal separator, so their spreadsheet reads it as a number.
    /// </summary>
    public static byte[] ToCsv(PartnerReport report, string culture, ReportCsvRows rows)
    {
        var numbers = CultureInfo.GetCultureInfo(culture == "en" ? "en" : "ru");
        var text = new StringBuilder();
        foreach (var row in Rows(report, culture, rows))
        {
            text.AppendJoin(';', row.Select(value => Cell(value, numbers))).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static byte[] ToXlsx(PartnerReport report, string culture)
    {
        var headers = Headers(culture);
        var sheets = new Dictionary<string, object>
        {
            [culture == "en" ? "Sellers" : "Продавцы"] = Sheet(report.Sellers, headers, withSeller: true),
            [culture == "en" ? "Shops" : "Магазины"] = Sheet(report.Shops, headers, withSeller: false),
            [culture == "en" ? "Partners" : "Партнёры"] = Lines(culture == "en" ? PartnerEnglish : PartnerRussian, report.Partners.Select(PartnerValues)),
            [culture == "en" ? "Contests" : "Конкурсы"] = Lines(culture == "en" ? ContestEnglish : ContestRussian, report.Contests.Select(ContestValues)),
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    private static List<Dictionary<string, object?>> Sheet(IReadOnlyList<ReportRow> rows, string[] headers, bool withSeller) =>
        rows.Select(r =>
        {
            var values = Values(r, withSeller);
            var line = new Dictionary<string, object?>();
            for (var i = 0; i < headers.Length; i++)
            {
                if (withSeller || i != 2)
                {
                    line[headers[i]] = values[i];
                }
            }

            return line;
        }).ToList();

    private static List<Dictionary<string, object?>> Lines(string[] headers, IEnumerable<object?[]> rows) =>
        rows.Select(values => headers.Select((header, i) => (Header: header, Value: values[i])).ToDictionary(c => c.Header, c => c.Value)).ToList();

    private static object?[] PartnerValues(PartnerTotals p) => [p.PartnerName, p.BudgetToppedUp, p.BudgetSpent, p.SellerPromotionPoints];

    /// <summary>A contest's dates as days of the club's calendar are a page's business; files give the UTC day.</summary>
    private static object?[] ContestValues(ContestResult c) =>
    [
        c.Title, c.PartnerName ?? "", c.StartsAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        c.EndsAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Entrants, c.Winners, c.PointsPaid, c.Prize ?? "",
    ];

    /// <summary>The cells of one line; the average rating is empty (null) without ratings.</summary>
    private static object?[] Values(ReportRow r, bool withSeller) =>
    [
        r.PartnerName, r.ShopName, withSeller ? r.Name : "", r.RegisteredBuyers, r.RegisteredItems, r.SalesRecorded, r.SalesConfirmed, r.SalesDeclined,
        r.CoursesCompleted, r.TestsPassed, r.PointsEarned, r.PointsSpent, r.SellerPromotionPoints, r.AverageRating, r.Ratings,
    ];

    private static IEnumerable<object?[]> Rows(PartnerReport report, string culture, ReportCsvRows rows)
    {
        if (rows is ReportCsvRows.Partners or ReportCsvRows.Contests)
        {
            var (headers, lines) = rows == ReportCsvRows.Partners
                ? (culture == "en" ? PartnerEnglish : PartnerRussian, report.Partners.Select(PartnerValues))
                : (culture == "en" ? ContestEnglish : ContestRussian, report.Contests.Select(ContestValues));
            return [headers.Cast<object?>().ToArray(), .. lines];
        }

        return ReportRows(report, culture, rows);
    }

    private static IEnumerable<object?[]> ReportRows(PartnerReport report, string culture, ReportCsvRows rows)
    {
        // The shop file has no seller column (as the shop sheet): every column means the same in every row.
        var withSeller = rows == ReportCsvRows.Sellers;
        yield return Without(Headers(culture), withSeller);
        foreach (var row in withSeller ? report.Sellers : report.Shops)
        {
            yield return Without(Values(row, withSeller), withSeller);
        }
    }

    private static object?[] Without<T>(T[] cells, bool withSeller) =>
        withSeller ? cells.Cast<object?>().ToArray() : cells.Where((_, i) => i != 2).Cast<object?>().ToArray();

    private static string[] Headers(string culture) => culture == "en" ? English : Russian;

    /// <summary>One CSV cell for a semicolon-separated file (the catalogue export uses it too).</summary>
    internal static string Cell(object? value, CultureInfo numbers)
    {
        // Quote what would break the row, and defuse text a spreadsheet would run as a formula (not negative numbers).
        var text = value switch
        {
            decimal number => number.ToString("0.00", numbers),
            string words => CsvText.Defuse(words),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };

        return text.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}

/// <summary>Which rows a report CSV holds: one kind per file.</summary>
public enum ReportCsvRows
{
    Sellers,
    Shops,

    /// <summary>Each partner's budget and seller promotion figures.</summary>
    Partners,

    /// <summary>The contests that ran in the period.</summary>
    Contests,
}
