namespace Club.Infrastructure.Persistence.Migrations;

/// <summary>
/// HAND-WRITTEN SQL, kept out of the generated migration so a regenerated migration only needs the call
/// <c>migrationBuilder.Sql(TrainingOrderSchema.Number)</c>, placed after the new <c>questions.position</c>
/// column is added and before the unique (course_id, position) indexes are created. It numbers each
/// course's lessons 1, 2, 3... in their current order (lessons added at the same moment could share a
/// position before the index was unique) and its questions in the order they were added.
/// </summary>
internal static class TrainingOrderSchema
{
    public const string Number = """
        UPDATE lessons l SET position = n.number
        FROM (SELECT id, row_number() OVER (PARTITION BY course_id ORDER BY position, id) AS number FROM lessons) n
        WHERE l.id = n.id AND l.position <> n.number;
        UPDATE questions q SET position = n.number
        FROM (SELECT id, row_number() OVER (PARTITION BY course_id ORDER BY id) AS number FROM questions) n
        WHERE q.id = n.id;
        """;
}
