using Club.Application.Features.Catalog;
using Club.Application.Features.Points.Ledger;
using Club.Domain.Activities;
using Club.Domain.Points;
using Microsoft.EntityFrameworkCore;

namespace Club.Infrastructure.Persistence.DemoData;

/// <summary>
/// A year of club life before yesterday, so the reports, charts and member files of a fresh demo are not
/// empty: a dozen sellers at the four demo shops, a few hundred buyers joining at a growing pace, the
/// items they registered and the sales behind them, gift orders, answers to a past survey and the
/// sellers' course results. Written set-based (INSERT ... SELECT over a plan in temporary tables) and
/// paid through the ledger (a set posting per week, a posting per gift order), so every
/// balance is the sum of its entries. The demo accounts get none of it: the tests and the README
/// describe their clean state, and today and yesterday stay empty for the same reason.
/// </summary>
public static class DemoHistory
{
    /// <summary>The note on the history's tag batches; a batch with it means the history is loaded.</summary>
    public const string BatchNote = "Демо: продажи за прошлый год";

    public const int Buyers = 360;
    public const int Sellers = 12;

    private const int SalePoints = 50;

    private static readonly string[] WomenRu = ["Ольга", "Наталья", "Екатерина", "Татьяна", "Светлана", "Юлия", "Дарья", "Ксения", "Алина", "Виктория", "Полина", "Софья", "Вера", "Людмила"];
    private static readonly string[] WomenEn = ["olga", "natalya", "ekaterina", "tatyana", "svetlana", "yulia", "darya", "ksenia", "alina", "viktoria", "polina", "sofya", "vera", "lyudmila"];
    private static readonly string[] MenRu = ["Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Иван", "Николай", "Артём"];
    private static readonly string[] MenEn = ["aleksey", "dmitry", "sergey", "andrey", "mikhail", "ivan", "nikolay", "artyom"];

    // Men's forms; a woman's adds "а". None is a demo account's surname, so searches for those find one person.
    private static readonly string[] SurnamesRu = ["Иванов", "Петров", "Попов", "Козлов", "Новиков", "Морозов", "Волков", "Алексеев", "Васильев", "Зайцев", "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов", "Фёдоров", "Михайлов", "Беляев", "Тарасов", "Белов", "Комаров", "Ильин", "Гусев", "Титов", "Баранов", "Куликов"];
    private static readonly string[] SurnamesEn = ["ivanov", "petrov", "popov", "kozlov", "novikov", "morozov", "volkov", "alekseev", "vasiliev", "zaytsev", "pavlov", "semyonov", "golubev", "vinogradov", "bogdanov", "fyodorov", "mikhailov", "belyaev", "tarasov", "belov", "komarov", "ilyin", "gusev", "titov", "baranov", "kulikov"];

    private static readonly string[] Cities = ["Москва", "Москва", "Санкт-Петербург", "Казань", "Москва", "Екатеринбург", "Нижний Новгород", "Санкт-Петербург"];

    private static readonly string[] Comments =
    [
        "Очень красивое украшение, спасибо!",
        "Хотелось бы больше серёг с жемчугом.",
        "Продавец помогла подобрать размер кольца.",
        "Удобно, что сертификат приходит сразу.",
        "Подарок маме — она в восторге.",
        "Добавьте, пожалуйста, гравировку.",
    ];

    internal static async Task<int> AddAsync(ClubDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.TagBatches.AnyAsync(b => b.Note == BatchNote, cancellationToken))
        {
            return 0;
        }

        var end = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);
        var start = end.AddDays(-365);
        await AddPeopleAsync(db, start, cancellationToken);
        await AddItemsAndSalesAsync(db, start, end, cancellationToken);
        var survey = await AddSurveyAsync(db, start, end, cancellationToken);
        var course = await AddCourseResultsAsync(db, start, cancellationToken);
        await PayAsync(db, survey, course, start, end, cancellationToken);
        await AddGiftOrdersAsync(db, end, cancellationToken);
        return Buyers + Sellers;
    }

    /// <summary>Accounts without passwords (they cannot sign in), profiles and roles, in a plan table the later steps read.</summary>
    private static async Task AddPeopleAsync(ClubDbContext db, DateTimeOffset start, CancellationToken cancellationToken)
    {
        // Buyers join at a growing pace (the square root puts more of them in recent months), in shop hours
        // (06:00 to 16:00 UTC), so a day's events come before its ledger posting at 20:45 UTC (23:45 in Moscow).
        await db.Database.ExecuteSqlAsync($$"""
            CREATE TEMP TABLE demo_people ON COMMIT DROP AS
            WITH shop AS (SELECT id, partner_id, row_number() OVER (ORDER BY id)::int - 1 AS n FROM shops ORDER BY id LIMIT 4),
            person AS (
                SELECT true AS seller, g, {{start}} - (20 + 9 * g) * interval '1 day' AS joined_at, g % 6 <> 5 AS woman, 900 + g AS number
                FROM generate_series(0, {{Sellers - 1}}) g
                UNION ALL
                SELECT false, g, {{start}} + floor(364 * sqrt((g + 0.5) / {{Buyers}}::float8)) * interval '1 day' + (360 + g * 37 % 600) * interval '1 minute', g % 10 < 7, g
                FROM generate_series(0, {{Buyers - 1}}) g)
            SELECT md5('demo-history-' || p.seller || '-' || p.g)::uuid AS id, p.seller, p.g, p.joined_at,
                CASE WHEN p.woman THEN ({{WomenRu}}::text[])[1 + p.g * 5 % {{WomenRu.Length}}] ELSE ({{MenRu}}::text[])[1 + p.g * 5 % {{MenRu.Length}}] END
                    || ' ' || ({{SurnamesRu}}::text[])[1 + (p.g * 11 + p.g / 3) % {{SurnamesRu.Length}}] || CASE WHEN p.woman THEN 'а' ELSE '' END AS full_name,
                CASE WHEN p.woman THEN ({{WomenEn}}::text[])[1 + p.g * 5 % {{WomenEn.Length}}] ELSE ({{MenEn}}::text[])[1 + p.g * 5 % {{MenEn.Length}}] END
                    || '.' || ({{SurnamesEn}}::text[])[1 + (p.g * 11 + p.g / 3) % {{SurnamesEn.Length}}] || CASE WHEN p.woman THEN 'a' ELSE '' END
                    || p.number || '@mail.example' AS email,
                sh.id AS shop_id, sh.partner_id
            FROM person p LEFT JOIN shop sh ON p.seller AND sh.n = p.g % 4;

            INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, phone_number_confirmed,
                two_factor_enabled, lockout_enabled, access_failed_count, security_stamp, concurrency_stamp)
            SELECT id, email, upper(email), email, upper(email), true, false, false, true, 0, md5(id::text || 'stamp'), id::text FROM demo_people;
            INSERT INTO members (id, full_name, city, culture, joined_at, consented_at, seller_status, partner_id, shop_id, position)
            SELECT id, full_name, CASE WHEN NOT seller THEN ({{Cities}}::text[])[1 + g % {{Cities.Length}}] END, 'ru', joined_at, joined_at,
                CASE WHEN seller THEN 'Active' END, partner_id, shop_id, CASE WHEN seller THEN 'Продавец-консультант' END
            FROM demo_people;
            INSERT INTO user_roles (user_id, role_id)
            SELECT p.id, r.id FROM demo_people p JOIN roles r ON r.name = CASE WHEN p.seller THEN 'Seller' ELSE 'Buyer' END;
            """, cancellationToken);
    }

    /// <summary>
    /// Every buyer registers an item when joining, every third a second one and every seventh a third, each
    /// sold by one of the sellers (the first five sell more). One batch per product and partner holds them
    /// and three unsold tags, one of which has a sale still waiting for its buyer or one that expired.
    /// </summary>
    private static async Task AddItemsAndSalesAsync(ClubDbContext db, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($$"""
            CREATE TEMP TABLE demo_items ON COMMIT DROP AS
            WITH seller AS (SELECT id, g, shop_id, partner_id FROM demo_people WHERE seller),
            product AS (SELECT id, row_number() OVER (ORDER BY id)::int - 1 AS n FROM products WHERE sku LIKE 'AQ-%'),
            item AS (
                SELECT b.id AS buyer_id, b.g, k, b.joined_at + k * (35 + b.g % 50) * interval '1 day' + k * interval '2 hours' AS registered_at
                FROM demo_people b CROSS JOIN generate_series(0, 2) k
                WHERE NOT b.seller AND (k = 0 OR (k = 1 AND b.g % 3 = 0) OR (k = 2 AND b.g % 7 = 0)))
            SELECT i.buyer_id, i.g, i.k, i.registered_at, pr.id AS product_id, s.id AS seller_id, s.shop_id, s.partner_id,
                (i.g + i.k) % 7 <> 3 AS with_sale,
                (row_number() OVER (PARTITION BY pr.id, s.partner_id ORDER BY i.registered_at, i.buyer_id))::int - 1 AS position,
                0::bigint AS tag_id
            FROM item i
            JOIN seller s ON s.g = CASE WHEN (i.g * 13 + i.k * 5) % 20 < {{Sellers}} THEN (i.g * 13 + i.k * 5) % 20 ELSE (i.g + i.k) % 5 END
            JOIN product pr ON pr.n = (i.g * 7 + i.k * 3) % 20
            WHERE i.registered_at < {{end}};

            CREATE TEMP TABLE demo_batches ON COMMIT DROP AS
            SELECT product_id, partner_id, count(*)::int AS sold, count(*)::int + 3 AS quantity,
                (sum(count(*) + 3) OVER (ORDER BY product_id, partner_id) - (count(*) + 3))::bigint AS first_offset
            FROM demo_items GROUP BY product_id, partner_id;

            WITH block AS (
                UPDATE tag_id_allocator SET next_id = next_id + (SELECT sum(quantity) FROM demo_batches) WHERE id = 1
                RETURNING next_id - (SELECT sum(quantity) FROM demo_batches)::bigint AS first)
            INSERT INTO tag_batches (product_id, quantity, first_tag_id, partner_id, template_name, created_by, created_at, state,
                printed_at, shipped_at, activated_at, note)
            SELECT d.product_id, d.quantity, block.first + d.first_offset, d.partner_id, 'jewelry-tag-30x20', 'Игорь Лебедев',
                {{start}} - interval '60 days', 'Active', {{start}} - interval '58 days', {{start}} - interval '55 days', {{start}} - interval '50 days', {{BatchNote}}
            FROM demo_batches d, block;

            UPDATE demo_items i SET tag_id = b.first_tag_id + i.position
            FROM tag_batches b WHERE b.note = {{BatchNote}} AND b.product_id = i.product_id AND b.partner_id = i.partner_id;

            INSERT INTO tags (id, batch_id, scratch_hash, state, failed_attempts, owner_member_id, registered_at)
            SELECT b.first_tag_id + s.n, b.id, sha256(convert_to('demo-history-' || (b.first_tag_id + s.n), 'UTF8')),
                CASE WHEN i.buyer_id IS NULL THEN 0 ELSE 2 END, 0, i.buyer_id, i.registered_at
            FROM tag_batches b CROSS JOIN LATERAL generate_series(0, b.quantity - 1) s(n)
            LEFT JOIN demo_items i ON i.tag_id = b.first_tag_id + s.n
            WHERE b.note = {{BatchNote}};

            -- The seller records the sale at the till a few hours before the buyer registers at home.
            INSERT INTO sales (tag_id, seller_id, shop_id, partner_id, recorded_at, state, flag, points, confirmed_at, buyer_answered_at, buyer_id)
            SELECT tag_id, seller_id, shop_id, partner_id, registered_at - (2 + tag_id % 30) * interval '1 hour', 'Confirmed', 'None', {{SalePoints}},
                registered_at, registered_at, buyer_id
            FROM demo_items WHERE with_sale;

            -- The first unsold tag of each batch: a sale of the last days waits for its buyer, or one of months ago expired.
            INSERT INTO sales (tag_id, seller_id, shop_id, partner_id, recorded_at, state, flag, points)
            SELECT b.first_tag_id + d.sold, s.id, s.shop_id, s.partner_id,
                CASE WHEN b.id % 2 = 0 THEN {{end}} - (1 + b.id % 9) * interval '1 day' ELSE {{end}} - (60 + b.id * 7 % 200) * interval '1 day' END + interval '13 hours',
                CASE WHEN b.id % 2 = 0 THEN 'AwaitingBuyer' ELSE 'Expired' END, 'None', {{SalePoints}}
            FROM tag_batches b
            JOIN demo_batches d ON d.product_id = b.product_id AND d.partner_id = b.partner_id
            CROSS JOIN LATERAL (
                SELECT p.id, p.shop_id, p.partner_id FROM demo_people p
                WHERE p.seller AND p.partner_id = b.partner_id ORDER BY (p.g * 7 + b.id) % {{Sellers}} LIMIT 1) s
            WHERE b.note = {{BatchNote}};
            """, cancellationToken);
    }

    /// <summary>A closed survey that ran all year; two buyers in five answered it a couple of days after their first item.</summary>
    private static async Task<Survey> AddSurveyAsync(ClubDbContext db, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var survey = new Survey
        {
            Title = "Как прошла покупка?",
            Description = "Расскажите о покупке и продавце — 100 баллов за ответы.",
            Target = SurveyTarget.Buyers,
            OpensAt = start,
            ClosesAt = end,
            Points = 100,
            CreatedAt = start,
            CreatedBy = "Елена Орлова",
            Questions =
            [
                new SurveyQuestion { Position = 1, Text = "Оцените изделие", Kind = QuestionKind.Rating, IsRequired = true },
                new SurveyQuestion { Position = 2, Text = "Как вы узнали о бренде?", Kind = QuestionKind.SingleChoice, IsRequired = true, Options = ["В магазине", "В соцсетях", "От друзей"] },
                new SurveyQuestion { Position = 3, Text = "Оцените продавца", Kind = QuestionKind.Rating, AboutSeller = true },
                new SurveyQuestion { Position = 4, Text = "Что нам улучшить?", Kind = QuestionKind.FreeText },
            ],
        };
        db.Surveys.Add(survey);
        await db.SaveChangesAsync(cancellationToken);
        var q = survey.Questions.OrderBy(x => x.Position).Select(x => x.Id).ToArray();

        // Ratings differ by seller (every fifth seller's are lower), so the report's averages differ too.
        await db.Database.ExecuteSqlAsync($$"""
            INSERT INTO survey_responses (survey_id, member_id, submitted_at)
            SELECT {{survey.Id}}, i.buyer_id, date_trunc('day', i.registered_at) + interval '2 days' + (8 + i.g % 10) * interval '1 hour'
            FROM demo_items i
            WHERE i.k = 0 AND i.g % 5 < 2 AND i.registered_at + interval '3 days' < {{end}};

            INSERT INTO survey_answers (response_id, question_id, choices, rating, text, seller_id)
            SELECT r.id, {{q[0]}}, '{}', CASE WHEN i.g % 10 = 0 THEN 3 WHEN i.g % 3 = 0 THEN 4 ELSE 5 END, NULL::text, NULL::uuid
            FROM survey_responses r JOIN demo_items i ON i.buyer_id = r.member_id AND i.k = 0 WHERE r.survey_id = {{survey.Id}}
            UNION ALL
            SELECT r.id, {{q[1]}}, ARRAY[i.g % 3], NULL, NULL, NULL
            FROM survey_responses r JOIN demo_items i ON i.buyer_id = r.member_id AND i.k = 0 WHERE r.survey_id = {{survey.Id}}
            UNION ALL
            SELECT r.id, {{q[2]}}, '{}', CASE WHEN s.g % 5 = 4 AND i.g % 2 = 0 THEN 3 WHEN (i.g + s.g) % 4 = 0 THEN 4 ELSE 5 END, NULL, i.seller_id
            FROM survey_responses r JOIN demo_items i ON i.buyer_id = r.member_id AND i.k = 0 JOIN demo_people s ON s.id = i.seller_id
            WHERE r.survey_id = {{survey.Id}} AND i.with_sale
            UNION ALL
            SELECT r.id, {{q[3]}}, '{}', NULL, ({{Comments}}::text[])[1 + i.g / 4 % {{Comments.Length}}], NULL
            FROM survey_responses r JOIN demo_items i ON i.buyer_id = r.member_id AND i.k = 0 WHERE r.survey_id = {{survey.Id}} AND i.g % 4 = 0;
            """, cancellationToken);
        return survey;
    }

    /// <summary>Ten of the twelve sellers read the demo course over the year and passed its test, every fourth at the second try.</summary>
    private static async Task<Club.Domain.Training.Course> AddCourseResultsAsync(ClubDbContext db, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Title == DemoTraining.CourseTitle, cancellationToken);
        await db.Database.ExecuteSqlAsync($$"""
            CREATE TEMP TABLE demo_training ON COMMIT DROP AS
            SELECT id AS member_id, g, {{start}} + (10 + g * 23) * interval '1 day' + interval '10 hours' AS done FROM demo_people WHERE seller AND g < 10;

            INSERT INTO lesson_reads (lesson_id, member_id, read_at)
            SELECT l.id, t.member_id, t.done - (4 - l.position) * interval '20 minutes' FROM demo_training t JOIN lessons l ON l.course_id = {{course.Id}};
            INSERT INTO course_completions (course_id, member_id, completed_at) SELECT {{course.Id}}, member_id, done FROM demo_training;
            INSERT INTO test_attempts (course_id, member_id, seed, started_at, submitted_at, correct, total, passed)
            SELECT {{course.Id}}, member_id, 1000 + g, done + interval '1 hour', done + interval '66 minutes',
                CASE WHEN g % 4 = 1 THEN 3 WHEN g % 3 = 0 THEN 4 ELSE 5 END, q.total, g % 4 <> 1
            FROM demo_training, (SELECT count(*)::int AS total FROM questions WHERE course_id = {{course.Id}}) q
            UNION ALL
            SELECT {{course.Id}}, member_id, 2000 + g, done + interval '1 day', done + interval '1 day 5 minutes', q.total, q.total, true
            FROM demo_training, (SELECT count(*)::int AS total FROM questions WHERE course_id = {{course.Id}}) q WHERE g % 4 = 1;
            """, cancellationToken);
        return course;
    }

    /// <summary>
    /// The points of it all through the ledger's set posting, with the keys the live features use (so
    /// nothing is paid again by them). A posting is dated by its call, so there is one per week, on the
    /// evening of its last day: a few dozen statements instead of one per day keep the first start quick.
    /// </summary>
    private static async Task PayAsync(
        ClubDbContext db, Survey survey, Club.Domain.Training.Course course, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var (registered, bonus, sold, answered, completed, passed) = (nameof(PointsReason.ItemRegistered), nameof(PointsReason.FirstItemBonus),
            nameof(PointsReason.SaleConfirmed), nameof(PointsReason.SurveyCompleted), nameof(PointsReason.CourseCompleted), nameof(PointsReason.TestPassed));
        for (var from = start; from < end; from = from.AddDays(7))
        {
            var to = from.AddDays(7);
            var postedAt = (to < end ? to : end).AddDays(-1).AddHours(20).AddMinutes(45);
            await PointsLedger.PostSetAsync(db, $"""
                SELECT i.buyer_id AS member_id, pp.points AS amount, {registered}::text AS reason, 'tag' AS reference_type,
                    i.tag_id::text AS reference_id, 'register:' || i.tag_id AS idempotency_key
                FROM demo_items i JOIN product_points pp ON pp.product_id = i.product_id
                WHERE i.registered_at >= {from} AND i.registered_at < {to} AND pp.points > 0
                UNION ALL
                SELECT i.buyer_id, r.points, {bonus}, 'tag', i.tag_id::text, 'first-item:' || i.buyer_id
                FROM demo_items i JOIN points_rules r ON r.kind = 'FirstItemBonus' AND r.points > 0
                WHERE i.k = 0 AND i.registered_at >= {from} AND i.registered_at < {to}
                UNION ALL
                SELECT x.seller_id, x.points, {sold}, 'sale', x.id::text, 'sale:' || x.id
                FROM demo_items i JOIN sales x ON x.tag_id = i.tag_id AND x.state = 'Confirmed'
                WHERE x.confirmed_at >= {from} AND x.confirmed_at < {to}
                UNION ALL
                SELECT r.member_id, {survey.Points}, {answered}, 'survey', r.survey_id::text, 'survey:' || r.survey_id || ':' || r.member_id
                FROM survey_responses r WHERE r.survey_id = {survey.Id} AND r.submitted_at >= {from} AND r.submitted_at < {to}
                UNION ALL
                SELECT t.member_id, {course.CompletionPoints}, {completed}, 'course', {course.Id}::text, 'course:' || {course.Id} || ':' || t.member_id
                FROM demo_training t WHERE {course.CompletionPoints} > 0 AND t.done >= {from} AND t.done < {to}
                UNION ALL
                SELECT a.member_id, {course.TestPoints}, {passed}, 'course', {course.Id}::text, 'test:' || {course.Id} || ':' || a.member_id
                FROM test_attempts a JOIN demo_training t ON t.member_id = a.member_id
                WHERE {course.TestPoints} > 0 AND a.course_id = {course.Id} AND a.passed AND a.submitted_at >= {from} AND a.submitted_at < {to}
                """, postedAt, cancellationToken);
        }
    }

    /// <summary>
    /// One buyer in six with two or more items ordered the dearest gift their item points cover; the
    /// orders of the last weeks are still on their way. Each order's points are taken through the ledger
    /// at the moment it was placed. The gifts' stock is what is left now, so it is not lowered here.
    /// </summary>
    private static async Task AddGiftOrdersAsync(ClubDbContext db, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var (staff, placed) = ("Елена Орлова", nameof(Club.Domain.Catalog.GiftOrderStatus.Placed));
        await db.Database.ExecuteSqlAsync($$"""
            CREATE TEMP TABLE demo_orders ON COMMIT DROP AS
            SELECT b.buyer_id, b.g, b.shop_id, b.last + (5 + b.g % 20) * interval '1 day' AS placed_at, g.id AS gift_id, g.title, g.points
            FROM (
                SELECT i.buyer_id, i.g, min(i.shop_id) AS shop_id, max(i.registered_at) AS last,
                    sum(pp.points) + coalesce((SELECT points FROM points_rules WHERE kind = 'FirstItemBonus'), 0) AS earned
                FROM demo_items i JOIN product_points pp ON pp.product_id = i.product_id
                WHERE i.g % 6 = 0
                GROUP BY i.buyer_id, i.g HAVING count(*) >= 2) b
            CROSS JOIN LATERAL (
                SELECT id, title, points FROM gifts
                WHERE state = 'Published' AND audience IN ('Everyone', 'Buyers') AND partner_id IS NULL AND points <= b.earned
                ORDER BY points DESC LIMIT 1) g
            WHERE b.last + (5 + b.g % 20) * interval '1 day' < {{end}};

            INSERT INTO gift_orders (gift_id, member_id, order_key, gift_title, points, status, delivery, address, shop_id,
                tracking_number, refund_expires_at, placed_at, updated_at)
            SELECT gift_id, buyer_id, md5('demo-history-order-' || g)::uuid, title, points,
                CASE WHEN placed_at < {{end}} - interval '30 days' THEN 'Delivered'
                     WHEN placed_at < {{end}} - interval '7 days' THEN CASE WHEN g / 6 % 2 = 0 THEN 'ReadyForPickup' ELSE 'Shipped' END
                     ELSE 'Placed' END,
                CASE WHEN g / 6 % 2 = 0 THEN 'Pickup' ELSE 'Post' END,
                CASE WHEN g / 6 % 2 = 1 THEN 'Москва, ул. Садовая, д. ' || (1 + g % 40) || ', кв. ' || (10 + g % 90) END,
                CASE WHEN g / 6 % 2 = 0 THEN shop_id END,
                CASE WHEN g / 6 % 2 = 1 AND placed_at < {{end}} - interval '7 days' THEN '8010' || lpad(g::text, 10, '0') END,
                placed_at + interval '12 months', placed_at, placed_at
            FROM demo_orders;

            -- The order's history as the desk keeps it: placed by the buyer, then each step by the manager.
            INSERT INTO gift_order_events (order_id, status, "at", "by")
            SELECT o.id, s.status, o.placed_at + s.after, CASE WHEN s.status = {{placed}} THEN NULL ELSE {{staff}} END
            FROM gift_orders o JOIN demo_orders d ON d.buyer_id = o.member_id
            CROSS JOIN LATERAL (VALUES ({{placed}}, interval '0', 0), ('Confirmed', interval '1 day', 1),
                (CASE WHEN o.delivery = 'Pickup' THEN 'ReadyForPickup' ELSE 'Shipped' END, interval '3 days', 2), ('Delivered', interval '10 days', 3)) s(status, after, step)
            WHERE s.step <= CASE o.status WHEN 'Delivered' THEN 3 WHEN 'Placed' THEN 0 ELSE 2 END;
            """, cancellationToken);

        var orders = await db.Database.SqlQuery<HistoryOrder>($"""
            SELECT o.id, o.member_id, o.points, o.placed_at FROM gift_orders o JOIN demo_orders d ON d.buyer_id = o.member_id ORDER BY o.placed_at
            """).ToListAsync(cancellationToken);
        foreach (var order in orders)
        {
            var id = order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await PointsLedger.PostAsync(
                db, [new PointsPosting(order.MemberId, -order.Points, PointsReason.GiftOrdered, PlaceGiftOrderHandler.OrderReference, id, $"gift-order:{id}")],
                order.PlacedAt, cancellationToken, balanceRowsExist: true);
        }
    }

    private sealed record HistoryOrder(long Id, Guid MemberId, int Points, DateTimeOffset PlacedAt);
}
