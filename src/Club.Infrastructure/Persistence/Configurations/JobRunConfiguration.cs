using Club.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Club.Infrastructure.Persistence.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("job_runs");
        builder.Property(r => r.JobName).HasMaxLength(JobRun.MaxNameLength);
        builder.Property(r => r.Node).HasMaxLength(JobRun.MaxNodeLength);
        builder.Property(r => r.FireInstanceId).HasMaxLength(200);
        builder.HasIndex(r => r.FireInstanceId).IsUnique();

        // The jobs page: each job's latest runs.
        builder.HasIndex(r => new { r.JobName, r.StartedAt });
    }
}
