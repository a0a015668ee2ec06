using Club.Domain.Members;
using Club.Domain.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.ToTable("courses", t =>
        {
            t.HasCheckConstraint("ck_courses_points", "completion_points >= 0 AND test_points >= 0");
            t.HasCheckConstraint("ck_courses_pass_percent", "pass_percent BETWEEN 1 AND 100");
            t.HasCheckConstraint("ck_courses_attempts", "max_attempts >= 1 AND cooldown_minutes >= 0");
            // A partner's course pays no points: the brand's liability is not the partner's to grow.
            t.HasCheckConstraint("ck_courses_partner_points", "partner_id IS NULL OR (completion_points = 0 AND test_points = 0)");
        });
        builder.Property(c => c.Title).HasMaxLength(Course.MaxTitleLength);
        builder.Property(c => c.Summary).HasMaxLength(Course.MaxSummaryLength);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.HasOne<Club.Domain.Partners.Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LessonConfiguration : IEntityTypeConfiguration<Lesson>
{
    public void Configure(EntityTypeBuilder<Lesson> builder)
    {
        builder.ToTable("lessons");
        builder.Property(l => l.Title).HasMaxLength(Lesson.MaxTitleLength);
        builder.Property(l => l.Text).HasMaxLength(Lesson.MaxTextLength);
        builder.Property(l => l.VideoUrl).HasMaxLength(Lesson.MaxUrlLength);
        // Unique: two managers reordering at once serialise on the course row, and this is the last word.
        builder.HasIndex(l => new { l.CourseId, l.Position }).IsUnique();
        builder.HasOne<Course>().WithMany().HasForeignKey(l => l.CourseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LessonFileConfiguration : IEntityTypeConfiguration<LessonFile>
{
    public void Configure(EntityTypeBuilder<LessonFile> builder)
    {
        builder.ToTable("lesson_files", t => t.HasCheckConstraint("ck_lesson_files_length", "length = octet_length(content)"));
        builder.Property(f => f.Title).HasMaxLength(LessonFile.MaxTitleLength);
        builder.Property(f => f.FileName).HasMaxLength(Club.Domain.Media.SafeFileName.MaxLength);
        builder.Property(f => f.ContentType).HasMaxLength(40);
        builder.HasIndex(f => f.LessonId);
        builder.HasOne<Lesson>().WithMany().HasForeignKey(f => f.LessonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LessonReadConfiguration : IEntityTypeConfiguration<LessonRead>
{
    public void Configure(EntityTypeBuilder<LessonRead> builder)
    {
        builder.ToTable("lesson_reads");
        builder.HasKey(r => new { r.MemberId, r.LessonId });
        builder.HasOne<Lesson>().WithMany().HasForeignKey(r => r.LessonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CourseCompletionConfiguration : IEntityTypeConfiguration<CourseCompletion>
{
    public void Configure(EntityTypeBuilder<CourseCompletion> builder)
    {
        // The key makes a completion (and so its points) happen once per course and seller.
        builder.ToTable("course_completions");
        builder.HasKey(c => new { c.MemberId, c.CourseId });
        builder.HasIndex(c => c.CompletedAt);
        builder.HasOne<Course>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.ToTable("questions", t => t.HasCheckConstraint("ck_questions_correct", "cardinality(correct) >= 1"));
        builder.Property(q => q.Text).HasMaxLength(Question.MaxTextLength);
        builder.HasIndex(q => new { q.CourseId, q.Position }).IsUnique();
        builder.HasOne<Course>().WithMany().HasForeignKey(q => q.CourseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TestAttemptConfiguration : IEntityTypeConfiguration<TestAttempt>
{
    public void Configure(EntityTypeBuilder<TestAttempt> builder)
    {
        builder.ToTable("test_attempts");
        builder.HasIndex(a => new { a.MemberId, a.CourseId });
        // At most one open attempt per seller and course: two "start" clicks share one attempt.
        builder.HasIndex(a => new { a.MemberId, a.CourseId }).IsUnique().HasFilter("submitted_at IS NULL")
            .HasDatabaseName("ux_test_attempts_open");
        builder.HasIndex(a => a.SubmittedAt).HasFilter("passed");
        builder.HasOne<Course>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TestAnswerConfiguration : IEntityTypeConfiguration<TestAnswer>
{
    public void Configure(EntityTypeBuilder<TestAnswer> builder)
    {
        builder.ToTable("test_answers");
        builder.HasKey(a => new { a.AttemptId, a.QuestionId });
        builder.HasOne<TestAttempt>().WithMany().HasForeignKey(a => a.AttemptId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Question>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Restrict);
    }
}
