using Club.Domain.Activities;
using Club.Domain.Members;
using Club.Domain.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.ToTable("surveys", t =>
        {
            t.HasCheckConstraint("ck_surveys_points", "points >= 0");
            t.HasCheckConstraint("ck_surveys_dates", "closes_at > opens_at");
            t.HasCheckConstraint("ck_surveys_target",
                $"(target IN ('{SurveyTarget.PartnerPeople}', '{SurveyTarget.PartnerBuyers}')) = (partner_id IS NOT NULL) AND (target = '{SurveyTarget.BuyersAfterItem}') = (days_after_item IS NOT NULL)");
            // A survey of a partner's buyers pays no points: the brand's liability is not the partner's to grow.
            t.HasCheckConstraint("ck_surveys_partner_buyers_points", $"target <> '{SurveyTarget.PartnerBuyers}' OR points = 0");
        });
        builder.Property(s => s.Title).HasMaxLength(Survey.MaxTitleLength);
        builder.Property(s => s.Description).HasMaxLength(Survey.MaxDescriptionLength);
        builder.Property(s => s.Target).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.CreatedBy).HasMaxLength(200);
        builder.HasIndex(s => new { s.OpensAt, s.ClosesAt });
        builder.HasOne<Partner>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Questions).WithOne().HasForeignKey(q => q.SurveyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyQuestionConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> builder)
    {
        builder.ToTable("survey_questions", t => t.HasCheckConstraint("ck_survey_questions_about_seller", $"NOT about_seller OR kind = '{QuestionKind.Rating}'"));
        builder.Property(q => q.Text).HasMaxLength(SurveyQuestion.MaxTextLength);
        builder.Property(q => q.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(q => new { q.SurveyId, q.Position });
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.ToTable("survey_responses");

        // Once per member: a double submit inserts one response, the other finds it taken.
        builder.HasIndex(r => new { r.SurveyId, r.MemberId }).IsUnique();
        builder.HasOne<Survey>().WithMany().HasForeignKey(r => r.SurveyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> builder)
    {
        builder.ToTable("survey_answers", t => t.HasCheckConstraint("ck_survey_answers_rating", "rating IS NULL OR rating BETWEEN 1 AND 5"));
        builder.Property(a => a.Text).HasMaxLength(SurveyAnswer.MaxTextLength);
        builder.HasIndex(a => a.ResponseId);

        // Ratings per seller for the partner reports.
        builder.HasIndex(a => a.SellerId).HasFilter("seller_id IS NOT NULL");
        builder.HasOne<SurveyQuestion>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.SellerId).OnDelete(DeleteBehavior.SetNull);
    }
}
